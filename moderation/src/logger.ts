import { currentRequestId } from '@hub/integrations/request-id';
import pino from 'pino';
import type { ModerationConfig } from './config.ts';

/**
 * Keys whose value is a secret wherever they appear in a logged object (up to 4 levels deep, the
 * most pino's redaction paths can name without a path per depth): tokens, passwords, signatures,
 * webhook URLs (they often hold a token), connection strings, and the sensitive config keys.
 */
const SECRET_KEYS = [
  'password',
  'token',
  'accessToken',
  'access_token',
  'bearerToken',
  'refreshToken',
  'secret',
  'ackSecret',
  'appSecret',
  'webhookSecret',
  'verifyToken',
  'siteToken',
  'jeton',
  'webhook',
  'webhookUrl',
  'webhook_url',
  'cookie',
  'cookies',
  'authorization',
  'signature',
  'databaseUrl',
  'smtpUrl',
  'DATABASE_URL',
  'SMTP_URL',
  'HUB_ADMIN_PASSWORD',
  'MODERATION_SITE_TOKEN',
  'HUB_REVALIDATE_SECRET',
  'FACEBOOK_APP_SECRET',
  'FACEBOOK_VERIFY_TOKEN',
  'CLAIMS_WEBHOOK_SECRET',
  'ONCALL_WEBHOOK_SECRET',
];

/** Headers that carry a credential or a signature (Node lower-cases incoming header names). */
const SECRET_HEADERS = ['cookie', 'set-cookie', 'authorization', 'proxy-authorization', 'x-hub-site-token', 'x-hub-signature-256', 'x-hub-signature', 'x-twitter-webhooks-signature', 'x-hub-client-key'];

const segment = (key: string) => (/^[A-Za-z_$][\w$]*$/.test(key) ? key : `["${key}"]`);
const join = (prefix: string, key: string) => (prefix ? `${prefix}${key.startsWith('[') ? '' : '.'}${key}` : key);
const PREFIXES = ['', '*', '*.*', '*.*.*'];

export const REDACT_PATHS = [
  ...new Set([
    ...SECRET_KEYS.flatMap((key) => PREFIXES.map((p) => join(p, segment(key)))),
    ...SECRET_HEADERS.flatMap((header) => ['', '*', '*.*'].map((p) => join(join(p, 'headers'), segment(header)))),
    ...SECRET_HEADERS.filter((h) => h.includes('-')).map((h) => segment(h)),
  ]),
];

export const CENSOR = '[secret]';

/** A URL keeps its scheme and host (what a reader needs to tell which service failed); anything else becomes `[secret]`. */
function censor(value: unknown): string {
  if (typeof value === 'string' && /^[a-z][a-z0-9+.-]*:\/\//i.test(value)) {
    try {
      const url = new URL(value);
      if (url.host) return `${url.protocol}//${url.host}/${CENSOR}`;
    } catch {
      // not a URL after all
    }
  }
  return CENSOR;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Removes from a serialized log line what redaction by key cannot see: a password in any URL
 * (`smtp://user:pass@host`), an `access_token=` query parameter, and each known secret value
 * (as written and JSON-escaped) wherever it appears, in a message, an error, a stack.
 */
export function scrubber(secrets: readonly string[]): (line: string) => string {
  const values = [...new Set(secrets.filter((s) => s.length >= 4).flatMap((s) => [s, JSON.stringify(s).slice(1, -1), encodeURIComponent(s)]))].sort((a, b) => b.length - a.length);
  const known = values.length ? new RegExp(values.map(escapeRegExp).join('|'), 'g') : null;
  return (line) => {
    let out = line.replace(/([a-z][a-z0-9+.-]*:\/\/[^\s:@/"'\\]*):[^\s@/"'\\]+@/gi, `$1:${CENSOR}@`).replace(/((?:access_token|token|jeton)=)[^&\s"'\\]+/gi, `$1${CENSOR}`);
    if (known) out = out.replace(known, CENSOR);
    return out;
  };
}

/** Config keys whose value is a secret (any added later with such a name included). */
const SECRET_CONFIG_KEY = /(SECRET|TOKEN|PASSWORD|_KEY)$/;

/** The secret values of the configuration, for `createLogger`'s `secrets`. */
export function secretValues(config: Partial<ModerationConfig>): string[] {
  const urlSecrets = (value: string | undefined) => {
    if (!value) return [];
    try {
      const url = new URL(value);
      const password = decodeURIComponent(url.password);
      return password ? [value, password] : [];
    } catch {
      return [];
    }
  };
  const named = Object.entries(config).flatMap(([key, value]) => (SECRET_CONFIG_KEY.test(key) && typeof value === 'string' ? [value] : []));
  return [
    ...named,
    config.SMTP_URL ?? '',
    ...urlSecrets(config.SMTP_URL),
    ...urlSecrets(config.DATABASE_URL),
    ...(config.FACEBOOK_PAGES ?? []).map((p) => p.accessToken),
    ...(config.TWITTER_ACCOUNTS ?? []).map((a) => a.bearerToken),
    ...(config.ONCALL_ROSTER ?? []).flatMap((m) => (m.webhook ? [m.webhook] : [])),
  ].filter((s): s is string => typeof s === 'string' && s.length > 0);
}

export interface LoggerOptions {
  /** Values never written, wherever they appear (`secretValues(config)`). */
  secrets?: readonly string[];
  /** Where the lines go (default: standard output). */
  destination?: { write(line: string): unknown };
}

/** One logger for the service; subsystems take a child. Secrets never reach the output. */
export function createLogger(level: string, options: LoggerOptions = {}) {
  const scrub = scrubber(options.secrets ?? []);
  const target = options.destination ?? pino.destination({ dest: 1, sync: true });
  return pino(
    {
      level,
      base: { service: 'moderation' },
      // The request this line belongs to (X-Request-Id, carried from the site): none for workers.
      mixin: () => {
        const reqId = currentRequestId();
        return reqId ? { reqId } : {};
      },
      redact: { paths: REDACT_PATHS, censor },
    },
    { write: (line: string) => target.write(scrub(line)) },
  );
}

export type Logger = pino.Logger;
