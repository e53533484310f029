import { readFileSync } from 'node:fs';
import path from 'node:path';
import { readRetention, type RetentionPeriods } from '@hub/integrations/privacy';
import { parseSiteUrls } from '@hub/integrations/site-notice';
import { z } from 'zod';
import { parseTrustedProxies } from './http/guards.ts';
import { rosterEntrySchema } from './oncall/validation.ts';

/** A JSON array in an environment variable; the message never repeats the value (it holds tokens). */
function jsonList<T extends z.ZodType>(item: T) {
  return z
    .string()
    .default('[]')
    .transform((value, ctx) => {
      try {
        return JSON.parse(value || '[]') as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: 'JSON invalide' });
        return z.NEVER;
      }
    })
    .pipe(z.array(item));
}

/**
 * The moderation service's settings, read once at start. Nothing else reads process.env.
 * Keys marked sensitive are never logged.
 */
const schema = z.object({
  /** `sqlite:/path/file.db` (default, under HUB_DATA_DIR) or `postgres://…` (sensitive). */
  DATABASE_URL: z.string().optional(),
  HUB_DATA_DIR: z.string().default(path.resolve(import.meta.dirname, '..', '..', 'data')),
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  /** Public address of the console (cookies are Secure when it is https). */
  MODERATION_PUBLIC_URL: z.string().url().default('http://localhost:4000'),
  /** Shared with the site: it authenticates the site's calls to /public (sensitive). */
  MODERATION_SITE_TOKEN: z.string().default(''),
  /**
   * The reverse proxies in front of the service: comma-separated addresses or CIDR ranges (default
   * none). Only a call from one of them has its `X-Forwarded-For` read (right-most address not a
   * proxy) to know who is calling; the site's visitors are known by the key the site sends.
   */
  MODERATION_TRUSTED_PROXIES: z.string().default('').refine((value) => parseTrustedProxies(value) !== null, 'adresses IP ou plages CIDR séparées par des virgules'),
  /** The site's endpoint that drops cached pages (one per site instance, separated by commas), and the secret that signs those notices (sensitive; the site holds it too). */
  SITE_REVALIDATE_URL: z.string().default('').refine((v) => parseSiteUrls(v) !== null, 'adresses http(s) séparées par des virgules'),
  HUB_REVALIDATE_SECRET: z.string().default(''),
  /**
   * Checks the CMS's signed `POST /cms/published` (cross-posting on every Page and X account): shared
   * with the CMS only, never with the site (sensitive). Empty: every such notice is refused.
   */
  CMS_PUBLISH_SECRET: z.string().default(''),
  /** The public site's address, for the links of articles cross-posted on the networks. */
  PUBLIC_SITE_URL: z.string().url().default('http://localhost:4321'),
  /** First administrator, created on an empty database (password sensitive). */
  HUB_ADMIN_EMAIL: z.string().email().default('admin@bailleur.example'),
  HUB_ADMIN_PASSWORD: z.string().default(''),
  SESSION_HOURS: z.coerce.number().positive().default(12),
  /** `true` answers GraphQL introspection (`__schema`, `__type`: the whole API described); off by default, refused in French. */
  MODERATION_GRAPHQL_INTROSPECTION: z.enum(['true', 'false', '1', '0', '']).default('false').transform((value) => value === 'true' || value === '1'),
  /** Facebook Pages to read: JSON `[{ id, name, accessToken }]` (tokens sensitive). */
  FACEBOOK_PAGES: jsonList(z.object({ id: z.string().regex(/^\d+$/), name: z.string().min(1), accessToken: z.string().min(1) })),
  /** X accounts to read: JSON `[{ id, username, bearerToken }]` (tokens sensitive). */
  TWITTER_ACCOUNTS: jsonList(z.object({ id: z.string().regex(/^\d+$/), username: z.string().min(1), bearerToken: z.string().min(1) })),
  /** Facebook app secret: checks the Page webhooks' X-Hub-Signature-256 (sensitive; empty: webhooks refused). */
  FACEBOOK_APP_SECRET: z.string().default(''),
  /** Token Meta echoes in the webhook subscription handshake (sensitive; empty: handshake refused). */
  FACEBOOK_VERIFY_TOKEN: z.string().default(''),
  /** Graph API and X API base URLs (tests and the demo point them at the emulators). */
  FACEBOOK_GRAPH_URL: z.string().url().default('https://graph.facebook.com'),
  TWITTER_API_URL: z.string().url().default('https://api.x.com'),
  /** Seconds between two reads of one account (a jitter of ±10 % is added). */
  SOCIAL_POLL_SECONDS: z.coerce.number().positive().default(60),
  /** Posts read per X account and per day (Paris time) before the poller waits for midnight. */
  TWITTER_DAILY_READ_BUDGET: z.coerce.number().int().min(0).default(10_000),
  /** Items per page when reading the networks (1 to 100; small values only for tests). */
  SOCIAL_PAGE_SIZE: z.coerce.number().int().min(1).max(100).default(100),
  /** Outbox worker: idle poll, first retry delay (doubles each time), attempts before giving up. */
  OUTBOX_POLL_MS: z.coerce.number().int().positive().default(1_000),
  OUTBOX_RETRY_BASE_MS: z.coerce.number().int().positive().default(2_000),
  OUTBOX_MAX_ATTEMPTS: z.coerce.number().int().positive().default(8),
  /** The landlord's CRM: claims are POSTed there, signed (claims/README.md). Empty: no CRM, the console's claims list is the record. */
  CLAIMS_WEBHOOK_URL: z.string().url().or(z.literal('')).default(''),
  /** Signs claims sent to the CRM and checks its status updates on `POST /claims/status` (sensitive). */
  CLAIMS_WEBHOOK_SECRET: z.string().default(''),
  /** The CMS, for tenants' rights: its subscriptions and send log are found and erased there (rights/cms-source.ts). Empty: moderation's data only. */
  CMS_URL: z.string().url().or(z.literal('')).default(''),
  /** The key of the CMS's /api/hub/privacy/* routes, shared with the CMS only (sensitive). */
  CMS_PRIVACY_TOKEN: z.string().default(''),
  /** The sender of the confirmation e-mails of tenants' requests from the site (rights/requests.ts). */
  PRIVACY_MAIL_FROM: z.string().default('"Habitat Val de Loire — Données personnelles" <dpo@bailleur.example>'),
  /** Mail for the on-call people: `smtp://user:pass@host:port` (sensitive). Empty: the demo's letterbox, .eml files in HUB_DATA_DIR/letterbox. */
  SMTP_URL: z.string().default(''),
  MAIL_FROM: z.string().default('"Astreinte — Habitat Val de Loire" <astreinte@bailleur.example>'),
  /** Signs the on-call webhook (SMS or chat provider) like the hub's other notices (sensitive). */
  ONCALL_WEBHOOK_SECRET: z.string().default(''),
  /** Seconds between two looks for crises level 1 left unacknowledged. */
  ESCALATION_TICK_SECONDS: z.coerce.number().positive().default(15),
  /** Hours an on-call acknowledgement link works after it is sent (signed in the link). */
  ONCALL_ACK_LINK_HOURS: z.coerce.number().positive().max(24 * 30).default(72),
  /**
   * On-call people provisioned at start: JSON `[{ level: 1 | 2, name, email, webhook? }]`, upserted by
   * level and e-mail, in this order (oncall/README.md). Webhook URLs often hold a token (sensitive).
   */
  ONCALL_ROSTER: jsonList(rosterEntrySchema),
  /** Bearer token that opens `/metrics` to callers outside loopback and private addresses (sensitive; empty: those only). */
  METRICS_TOKEN: z.string().default(''),
  /**
   * What this process runs: `api` (GraphQL, console, the site's calls, webhooks received),
   * `workers` (pollers, outbox, escalation, purge, the webhook inbox), or both (default), so that a
   * landlord scales the API and the workers separately.
   */
  MODERATION_ROLES: z
    .string()
    .default('api,workers')
    .transform((value) => value.split(',').map((r) => r.trim()).filter(Boolean))
    .refine((roles) => roles.length > 0 && roles.every((r) => r === 'api' || r === 'workers'), { message: 'api, workers ou api,workers' })
    .transform((roles) => ({ api: roles.includes('api'), workers: roles.includes('workers') })),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
}).superRefine((config, ctx) => {
  // A CRM that receives unsigned claims could not tell them from forged ones.
  if (config.CLAIMS_WEBHOOK_URL && !config.CLAIMS_WEBHOOK_SECRET) ctx.addIssue({ code: 'custom', path: ['CLAIMS_WEBHOOK_SECRET'], message: 'obligatoire avec CLAIMS_WEBHOOK_URL' });
  // The site holds those two: the same value would let it post on the landlord's accounts.
  for (const other of ['HUB_REVALIDATE_SECRET', 'MODERATION_SITE_TOKEN'] as const) {
    if (config.CMS_PUBLISH_SECRET && config.CMS_PUBLISH_SECRET === config[other]) ctx.addIssue({ code: 'custom', path: ['CMS_PUBLISH_SECRET'], message: `doit différer de ${other}` });
  }
});

/** `retention`: how long each kind of personal data is kept (`RETENTION_*_DAYS`, integrations/src/privacy). */
export type ModerationConfig = z.infer<typeof schema> & { databaseUrl: string; retention: RetentionPeriods };

/** The JSON lists that may also come from a file outside git (`<KEY>_FILE`); the variable itself wins. */
export const LIST_FILE_KEYS = ['FACEBOOK_PAGES', 'TWITTER_ACCOUNTS', 'ONCALL_ROSTER'] as const;

/**
 * `env` with each list read from its `<KEY>_FILE` when the variable itself is not set. Shared with
 * the launcher (scripts/stack/hub-config.ts), which reads the same files; each says its own error.
 */
export function withListFiles(env: NodeJS.ProcessEnv, unreadable: (key: string, file: string) => Error): NodeJS.ProcessEnv {
  const out = { ...env };
  for (const key of LIST_FILE_KEYS) {
    const file = env[`${key}_FILE`];
    if (!file || env[key]) continue;
    try {
      out[key] = readFileSync(file, 'utf8');
    } catch {
      throw unreadable(key, file);
    }
  }
  return out;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): ModerationConfig {
  const parsed = schema.safeParse(withListFiles(env, (key, file) => new Error(`Configuration du service de modération invalide : ${key}_FILE (fichier illisible : ${file})`)));
  if (!parsed.success) {
    const fields = parsed.error.issues.map((i) => `${i.path.join('.')} (${i.message})`).join(', ');
    throw new Error(`Configuration du service de modération invalide : ${fields}`);
  }
  const config = parsed.data;
  let retention: RetentionPeriods;
  try {
    retention = readRetention(env);
  } catch (error) {
    throw new Error(`Configuration du service de modération invalide : ${(error as Error).message}`, { cause: error });
  }
  return { ...config, databaseUrl: config.DATABASE_URL ?? `sqlite:${path.join(config.HUB_DATA_DIR, 'moderation.db')}`, retention };
}
