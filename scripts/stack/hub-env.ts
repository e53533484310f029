import path from 'node:path';
import { RETENTION_DEFAULTS, retentionVariable, type RetentionKey } from '@hub/integrations/privacy';
import { oncallRosterEnv } from './demo-oncall.ts';
import type { HubConfig } from './hub-config.ts';
import type { HubSecrets } from './secrets.ts';

export interface HubUrls {
  cms: string;
  site: string;
  moderation: string;
  publicSite: string;
  publicModeration: string;
}

export function hubUrls(config: HubConfig): HubUrls {
  const site = `http://127.0.0.1:${config.SITE_PORT}`;
  return {
    cms: `http://127.0.0.1:${config.CMS_PORT}`,
    site,
    moderation: `http://127.0.0.1:${config.MODERATION_PORT}`,
    publicSite: config.PUBLIC_SITE_URL ?? `http://localhost:${config.SITE_PORT}`,
    publicModeration: config.MODERATION_PUBLIC_URL ?? `http://localhost:${config.MODERATION_PORT}`,
  };
}

/**
 * The environment each process of the hub gets: only what it needs. Each link has its own key,
 * given only to its two ends: HUB_REVALIDATE_SECRET (CMS → site, moderation → site cache
 * notices), CMS_PUBLISH_SECRET (CMS → moderation, POST /cms/published: never the site's, it would
 * let the public site post on the landlord's Pages and X accounts), MODERATION_SITE_TOKEN
 * (site → moderation), HUB_SUBSCRIPTIONS_TOKEN (site → CMS), CMS_PRIVACY_TOKEN (moderation → CMS, tenants' rights).
 */
export function processEnvironments(config: HubConfig, secrets: HubSecrets, base: NodeJS.ProcessEnv = process.env) {
  const urls = hubUrls(config);
  const common = { ...operatorEnv(base), NO_PROXY: base.NO_PROXY ?? '127.0.0.1,localhost', ...retentionEnv(base), ...(base.METRICS_TOKEN ? { METRICS_TOKEN: base.METRICS_TOKEN } : {}), ...(base.LOG_LEVEL ? { LOG_LEVEL: base.LOG_LEVEL } : {}) };
  const database =
    config.DATABASE_CLIENT === 'postgres'
      ? { DATABASE_CLIENT: 'postgres', DATABASE_URL: config.CMS_DATABASE_URL ?? base.DATABASE_URL }
      : { DATABASE_CLIENT: 'sqlite', DATABASE_FILENAME: path.join(config.HUB_DATA_DIR, 'cms.db') };
  const cms = {
    ...common,
    ...database,
    APP_KEYS: secrets.APP_KEYS,
    API_TOKEN_SALT: secrets.API_TOKEN_SALT,
    ADMIN_JWT_SECRET: secrets.ADMIN_JWT_SECRET,
    TRANSFER_TOKEN_SALT: secrets.TRANSFER_TOKEN_SALT,
    JWT_SECRET: secrets.JWT_SECRET,
    ENCRYPTION_KEY: secrets.ENCRYPTION_KEY,
    SITE_API_TOKEN: secrets.SITE_API_TOKEN,
    HUB_REVALIDATE_SECRET: secrets.HUB_REVALIDATE_SECRET,
    SITE_REVALIDATE_URL: config.SITE_REVALIDATE_URL ?? `${urls.site}/api/revalidate`,
    // Articles shared on the social networks: signed with their own key, which the site never gets.
    MODERATION_PUBLISH_URL: `${urls.moderation}/cms/published`,
    CMS_PUBLISH_SECRET: secrets.CMS_PUBLISH_SECRET,
    HUB_ADMIN_EMAIL: config.HUB_ADMIN_EMAIL,
    HUB_ADMIN_PASSWORD: config.HUB_ADMIN_PASSWORD ?? secrets.HUB_ADMIN_PASSWORD,
    HUB_SEED_DEMO: config.HUB_SEED_DEMO,
    CMS_PUBLIC_URL: config.CMS_PUBLIC_URL ?? `http://localhost:${config.CMS_PORT}`,
    // Subscriptions: links in e-mails lead to the public site, signed with a key only the CMS holds.
    PUBLIC_SITE_URL: urls.publicSite,
    HUB_SUBSCRIPTION_SECRET: secrets.HUB_SUBSCRIPTION_SECRET,
    HUB_SUBSCRIPTIONS_TOKEN: secrets.HUB_SUBSCRIPTIONS_TOKEN,
    // Tenants' rights: the moderation service finds and erases a person's subscriptions here.
    CMS_PRIVACY_TOKEN: secrets.CMS_PRIVACY_TOKEN,
    // Mail: a real server when SMTP_URL is set, otherwise .eml files in HUB_DATA_DIR/letterbox.
    HUB_DATA_DIR: config.HUB_DATA_DIR,
    ...(config.SMTP_URL ? { SMTP_URL: config.SMTP_URL } : {}),
    ...(config.MAIL_FROM ? { MAIL_FROM: config.MAIL_FROM } : {}),
    ...(config.SUBSCRIBE_LIMIT_PER_IP ? { SUBSCRIBE_LIMIT_PER_IP: String(config.SUBSCRIBE_LIMIT_PER_IP) } : {}),
    ...(config.NEWSLETTER_RATE_PER_SECOND ? { NEWSLETTER_RATE_PER_SECOND: String(config.NEWSLETTER_RATE_PER_SECOND) } : {}),
    ...(config.ALERT_DIGEST_HOUR !== undefined ? { ALERT_DIGEST_HOUR: String(config.ALERT_DIGEST_HOUR) } : {}),
  };
  const site = {
    ...common,
    CMS_URL: urls.cms,
    CMS_API_TOKEN: secrets.SITE_API_TOKEN,
    HUB_REVALIDATE_SECRET: secrets.HUB_REVALIDATE_SECRET,
    PUBLIC_SITE_URL: urls.publicSite,
    MODERATION_URL: urls.moderation,
    MODERATION_SITE_TOKEN: secrets.MODERATION_SITE_TOKEN,
    HUB_SUBSCRIPTIONS_TOKEN: secrets.HUB_SUBSCRIPTIONS_TOKEN,
    ...(config.SITE_TRUSTED_PROXIES ? { SITE_TRUSTED_PROXIES: config.SITE_TRUSTED_PROXIES } : {}),
  };
  const moderation = {
    ...common,
    DATABASE_URL: config.DATABASE_URL ?? `sqlite:${path.join(config.HUB_DATA_DIR, 'moderation.db')}`,
    HUB_DATA_DIR: config.HUB_DATA_DIR,
    HOST: '127.0.0.1',
    PORT: String(config.MODERATION_PORT),
    MODERATION_PUBLIC_URL: urls.publicModeration,
    MODERATION_SITE_TOKEN: secrets.MODERATION_SITE_TOKEN,
    SITE_REVALIDATE_URL: config.SITE_REVALIDATE_URL ?? `${urls.site}/api/revalidate`,
    HUB_REVALIDATE_SECRET: secrets.HUB_REVALIDATE_SECRET,
    // Checks the CMS's POST /cms/published (only that key: a notice signed with another is refused).
    CMS_PUBLISH_SECRET: secrets.CMS_PUBLISH_SECRET,
    PUBLIC_SITE_URL: urls.publicSite,
    // Tenants' rights across the hub: the CMS's subscriptions and send log, with their own key.
    CMS_URL: urls.cms,
    CMS_PRIVACY_TOKEN: secrets.CMS_PRIVACY_TOKEN,
    HUB_ADMIN_EMAIL: config.HUB_ADMIN_EMAIL,
    HUB_ADMIN_PASSWORD: config.HUB_ADMIN_PASSWORD ?? secrets.HUB_ADMIN_PASSWORD,
    ...oncallRosterEnv(config),
    // On-call e-mails: the same mail server as the CMS's (or the letterbox under HUB_DATA_DIR).
    ...(config.SMTP_URL ? { SMTP_URL: config.SMTP_URL } : {}),
    ...(config.ONCALL_WEBHOOK_SECRET ? { ONCALL_WEBHOOK_SECRET: config.ONCALL_WEBHOOK_SECRET } : {}),
    // Claims to the landlord's CRM, only when configured.
    ...(config.CLAIMS_WEBHOOK_URL ? { CLAIMS_WEBHOOK_URL: config.CLAIMS_WEBHOOK_URL } : {}),
    ...(config.CLAIMS_WEBHOOK_SECRET ? { CLAIMS_WEBHOOK_SECRET: config.CLAIMS_WEBHOOK_SECRET } : {}),
    ...(config.MODERATION_GRAPHQL_INTROSPECTION ? { MODERATION_GRAPHQL_INTROSPECTION: config.MODERATION_GRAPHQL_INTROSPECTION } : {}),
    ...(config.MODERATION_TRUSTED_PROXIES ? { MODERATION_TRUSTED_PROXIES: config.MODERATION_TRUSTED_PROXIES } : {}),
    ...(config.ONCALL_ACK_LINK_HOURS ? { ONCALL_ACK_LINK_HOURS: String(config.ONCALL_ACK_LINK_HOURS) } : {}),
  };
  return { cms, site, moderation };
}

/**
 * The machine's and the operator's variables every process keeps (docs/deploy.md, « Variables de
 * l’opérateur »): a landlord behind its corporate proxy must reach the Graph and X APIs
 * (`HTTPS_PROXY`…), trust its own certificate authority (`NODE_EXTRA_CA_CERTS`), tune Node
 * (`NODE_OPTIONS`) or preload a library (`LD_PRELOAD`, e.g. a memory allocator or faketime).
 */
export const OPERATOR_VARIABLES = [
  'PATH', 'HOME', 'TZ', 'LANG', 'LC_ALL', 'TMPDIR',
  'NODE_OPTIONS', 'NODE_EXTRA_CA_CERTS', 'UV_THREADPOOL_SIZE', 'LD_PRELOAD', 'LD_LIBRARY_PATH',
  'HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy', 'NO_PROXY', 'no_proxy',
] as const;

export function operatorEnv(base: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of OPERATOR_VARIABLES) if (base[key] !== undefined) out[key] = base[key];
  return out;
}

/** The operator's `RETENTION_*_DAYS`: the CMS and moderation purge by them, the site's privacy page shows them. */
function retentionEnv(base: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of Object.keys(RETENTION_DEFAULTS) as RetentionKey[]) {
    const variable = retentionVariable(key);
    const value = base[variable];
    if (value) out[variable] = value;
  }
  return out;
}
