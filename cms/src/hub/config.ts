import { z } from 'zod';
import { readRetention, type RetentionPeriods } from '@hub/integrations/privacy';
import { parseSiteUrls } from '@hub/integrations/site-notice';

/**
 * The hub's own settings for the CMS (Strapi's own settings stay in config/). Read once, at
 * register time; nothing else in src/ reads process.env.
 */
const schema = z.object({
  /** Site endpoint that drops cached pages when content changes, one per site instance, separated by commas. Empty: nobody to tell. */
  SITE_REVALIDATE_URL: z.string().default('').refine((v) => parseSiteUrls(v) !== null, 'adresses http(s) séparées par des virgules'),
  /** Moderation endpoint told about articles published with « share on social networks ». Empty: no sharing. */
  MODERATION_PUBLISH_URL: z.string().url().or(z.literal('')).default(''),
  /** Shared secret signing the change notices sent to the site (sensitive; the site holds it too). */
  HUB_REVALIDATE_SECRET: z.string().default(''),
  /** Signs the notices to MODERATION_PUBLISH_URL, shared with moderation only, never the site (sensitive). Empty: no sharing. */
  CMS_PUBLISH_SECRET: z.string().default(''),
  /** The site's read-only Content API token, provisioned under this exact value (sensitive). */
  SITE_API_TOKEN: z.string().default(''),
  /** First administrator of the CMS, created on an empty database. */
  HUB_ADMIN_EMAIL: z.string().email().default('admin@bailleur.example'),
  /** Its password (sensitive). Empty: no administrator is created. */
  HUB_ADMIN_PASSWORD: z.string().default(''),
  /** The public site, where the links in subscription e-mails lead (confirm, unsubscribe, preferences). */
  PUBLIC_SITE_URL: z.string().url().default('http://localhost:4321'),
  /** Signs the links in subscription e-mails (sensitive). Empty: subscriptions are closed. */
  HUB_SUBSCRIPTION_SECRET: z.string().default(''),
  /** Bearer token the site presents on /api/hub/subscriptions/* (sensitive). Empty: those routes refuse everything. */
  HUB_SUBSCRIPTIONS_TOKEN: z.string().default(''),
  /** The moderation service's key on /api/hub/privacy/* (tenants' rights; sensitive). Empty: those routes refuse everything. */
  CMS_PRIVACY_TOKEN: z.string().default(''),
  /** Bearer token that opens `/metrics` to callers outside loopback and private addresses (sensitive; empty: those only). */
  METRICS_TOKEN: z.string().default(''),
  /** Sign-ups and « send me a link » requests accepted per IP address and per hour (a shared connection, e.g. a community centre, may need more). */
  SUBSCRIBE_LIMIT_PER_IP: z.coerce.number().int().positive().default(10),
  /** Outgoing mail: smtp://user:pass@host:port or smtps://… (sensitive). Empty: the demo letterbox, HUB_DATA_DIR/letterbox. */
  SMTP_URL: z.string().default(''),
  /** The sender of every e-mail of the hub. */
  MAIL_FROM: z.string().default('"Habitat Val de Loire" <communication@bailleur.example>'),
  /** The hub's data folder (the demo letterbox lives in it). */
  HUB_DATA_DIR: z.string().default('data'),
  /** Newsletters, alerts and digests: at most this many messages per second through SMTP_URL. */
  NEWSLETTER_RATE_PER_SECOND: z.coerce.number().positive().max(10_000).default(20),
  /** SMTP connections kept open for that bulk sending (nodemailer pool). */
  NEWSLETTER_SMTP_CONNECTIONS: z.coerce.number().int().min(1).max(50).default(3),
  /** A temporary refusal (4xx) is tried again after this many seconds, doubled at each attempt. */
  NEWSLETTER_RETRY_SECONDS: z.coerce.number().positive().default(300),
  /** Attempts per recipient before a temporarily refused message counts as failed. */
  NEWSLETTER_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(5),
  /** How long a CMS instance keeps the recipients it took before another one may take them over (PostgreSQL). */
  NEWSLETTER_LEASE_SECONDS: z.coerce.number().int().min(5).default(60),
  /** Hour (Paris time, 0-23) at which the day's alert digest is sent to daily subscribers. */
  ALERT_DIGEST_HOUR: z.coerce.number().int().min(0).max(23).default(17),
  /** Tests only: moves the CMS's clock (hub/clock.ts: sending, digests, links, notices) forward by this many hours. */
  HUB_CLOCK_SHIFT_HOURS: z.coerce.number().default(0),
  /** The landlord's name, at the top of every e-mail. */
  SITE_NAME: z.string().min(1).default('Habitat Val de Loire'),
  /** Seed the demo content on a fresh database. */
  HUB_SEED_DEMO: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
});

/** `retention`: how long personal data is kept (`RETENTION_*_DAYS`, integrations/src/privacy); the CMS purges its send log. */
export type HubConfig = z.infer<typeof schema> & { retention: RetentionPeriods };

export function readHubConfig(env: NodeJS.ProcessEnv = process.env): HubConfig {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((i) => i.path.join('.')).join(', ');
    throw new Error(`Configuration du CMS invalide : ${fields}`);
  }
  return { ...parsed.data, retention: readRetention(env) };
}
