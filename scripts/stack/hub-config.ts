import path from 'node:path';
import { z } from 'zod';
import { parseSiteUrls } from '@hub/integrations/site-notice';
import { withListFiles } from '../../moderation/src/config.ts';
import { ROOT } from './paths.ts';

/**
 * What `npm start` reads from the environment, once. Every value has a demo default.
 * `sensitive` values are never printed.
 */
const schema = z.object({
  HUB_DATA_DIR: z.string().default(path.join(ROOT, 'data')),
  CMS_PORT: z.coerce.number().int().min(1).max(65535).default(1337),
  SITE_PORT: z.coerce.number().int().min(1).max(65535).default(4321),
  MODERATION_PORT: z.coerce.number().int().min(1).max(65535).default(4000),
  /** sensitive: the moderation service's PostgreSQL URL; SQLite under HUB_DATA_DIR when absent. */
  DATABASE_URL: z.string().optional(),
  MODERATION_PUBLIC_URL: z.string().url().optional(),
  PUBLIC_SITE_URL: z.string().url().optional(),
  CMS_PUBLIC_URL: z.string().url().optional(),
  HUB_ADMIN_EMAIL: z.string().email().default('admin@bailleur.example'),
  /** sensitive */
  HUB_ADMIN_PASSWORD: z.string().min(8).optional(),
  DATABASE_CLIENT: z.enum(['sqlite', 'postgres']).default('sqlite'),
  /** sensitive: the CMS's PostgreSQL URL when DATABASE_CLIENT=postgres. */
  CMS_DATABASE_URL: z.string().optional(),
  HUB_SEED_DEMO: z.enum(['true', 'false']).default('true'),
  /**
   * sensitive: the social accounts the moderation service reads (JSON, see moderation/src/config.ts).
   * When neither is set, `npm start` simulates two Pages and one X account locally (demo).
   */
  FACEBOOK_PAGES: z.string().optional(),
  TWITTER_ACCOUNTS: z.string().optional(),
  FACEBOOK_GRAPH_URL: z.string().url().optional(),
  TWITTER_API_URL: z.string().url().optional(),
  /** Seconds between two reads of one account (demo: 10). */
  SOCIAL_POLL_SECONDS: z.coerce.number().positive().optional(),
  /** sensitive: outgoing mail server (smtp://user:pass@host:port); empty: the demo letterbox under HUB_DATA_DIR/letterbox. */
  SMTP_URL: z.string().optional(),
  /** The sender of the hub's e-mails, e.g. `"Habitat Val de Loire" <communication@bailleur.example>`. */
  MAIL_FROM: z.string().optional(),
  /** Newsletters, alerts and digests: messages per second at most through SMTP_URL (CMS default: 20). */
  NEWSLETTER_RATE_PER_SECOND: z.coerce.number().positive().optional(),
  /** Hour (Paris time) of the daily alert digest (CMS default: 17). */
  ALERT_DIGEST_HOUR: z.coerce.number().int().min(0).max(23).optional(),
  /** Subscription sign-ups accepted per IP address and per hour (CMS default: 10). */
  SUBSCRIBE_LIMIT_PER_IP: z.coerce.number().int().positive().optional(),
  /** Posts read per X account and per day (Paris time). */
  TWITTER_DAILY_READ_BUDGET: z.coerce.number().int().min(0).optional(),
  /** The landlord's CRM that receives claims (moderation/src/claims/README.md); unset: no CRM, the console's list is the record. */
  CLAIMS_WEBHOOK_URL: z.string().url().optional(),
  /** sensitive: signs claims sent to the CRM and its status updates. */
  CLAIMS_WEBHOOK_SECRET: z.string().optional(),
  /**
   * sensitive (webhook URLs): the on-call roster, JSON `[{ level, name, email, webhook? }]` (see
   * moderation/src/oncall/README.md). Unset in the demo: a demo roster (scripts/stack/demo-oncall.ts).
   */
  ONCALL_ROSTER: z.string().optional(),
  /** sensitive: signs the on-call webhook (SMS or chat provider). */
  ONCALL_WEBHOOK_SECRET: z.string().optional(),
  /** `true`: the moderation API answers GraphQL introspection (a development tool); off by default. */
  MODERATION_GRAPHQL_INTROSPECTION: z.enum(['true', 'false', '1', '0', '']).optional(),
  /** The reverse proxies in front of moderation (IPs or CIDRs, comma-separated): only their X-Forwarded-For is read. */
  MODERATION_TRUSTED_PROXIES: z.string().optional(),
  /** The reverse proxies in front of the site: only their X-Forwarded-For is read for the forms' limits. */
  SITE_TRUSTED_PROXIES: z.string().optional(),
  /**
   * Every site instance's `/api/revalidate`, separated by commas (several instances: each keeps its
   * own page cache, docs/decisions/0005-cache-de-plusieurs-sites.md). Default: the one site started here.
   */
  SITE_REVALIDATE_URL: z.string().refine((v) => parseSiteUrls(v) !== null, 'adresses http(s) séparées par des virgules').optional(),
  /** Hours an on-call acknowledgement link stays valid (moderation default: 72). */
  ONCALL_ACK_LINK_HOURS: z.coerce.number().positive().optional(),
});

export type HubConfig = z.infer<typeof schema>;

export function readHubConfig(env: NodeJS.ProcessEnv = process.env): HubConfig {
  // FACEBOOK_PAGES_FILE, TWITTER_ACCOUNTS_FILE, ONCALL_ROSTER_FILE: the same JSON, from a file outside git.
  const parsed = schema.safeParse(withListFiles(env, (key, file) => new Error(`Configuration invalide :\n  - ${key}_FILE : fichier illisible (${file})`)));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  - ${i.path.join('.')} : ${i.message}`);
    throw new Error(`Configuration invalide :\n${lines.join('\n')}`);
  }
  return parsed.data;
}
