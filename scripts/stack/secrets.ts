import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The hub's generated secrets, kept in `<data>/hub.env` (git-ignored, mode 600): created on the
 * first start, reused afterwards so sessions, tokens and the admin password survive restarts.
 */
export interface HubSecrets {
  APP_KEYS: string;
  API_TOKEN_SALT: string;
  ADMIN_JWT_SECRET: string;
  TRANSFER_TOKEN_SALT: string;
  JWT_SECRET: string;
  ENCRYPTION_KEY: string;
  SITE_API_TOKEN: string;
  /** Signs the cache notices CMS → site and moderation → site (the CMS, moderation and the site hold it). */
  HUB_REVALIDATE_SECRET: string;
  /** The site's bearer token on moderation's /public routes (the site and moderation only). */
  MODERATION_SITE_TOKEN: string;
  /** Signs the CMS's « article published, share it » notices to moderation's POST /cms/published (the CMS and moderation only, never the site). */
  CMS_PUBLISH_SECRET: string;
  HUB_ADMIN_PASSWORD: string;
  /** Signs the links in subscription e-mails (CMS only). */
  HUB_SUBSCRIPTION_SECRET: string;
  /** The site's bearer token on the CMS's /api/hub/subscriptions/* routes. */
  HUB_SUBSCRIPTIONS_TOKEN: string;
  /** The moderation service's bearer token on the CMS's /api/hub/privacy/* routes (tenants' rights). */
  CMS_PRIVACY_TOKEN: string;
}

const random = (bytes = 24) => randomBytes(bytes).toString('base64url');

/** Strapi asks for an upper case letter, a lower case letter and a digit. */
export const generatePassword = () => `Hub-${random(12)}-${randomBytes(2).readUInt16BE() % 90 + 10}aZ`;

function generate(): HubSecrets {
  return {
    APP_KEYS: [random(), random(), random(), random()].join(','),
    API_TOKEN_SALT: random(),
    ADMIN_JWT_SECRET: random(),
    TRANSFER_TOKEN_SALT: random(),
    JWT_SECRET: random(),
    ENCRYPTION_KEY: random(32),
    SITE_API_TOKEN: randomBytes(64).toString('hex'),
    HUB_REVALIDATE_SECRET: random(32),
    MODERATION_SITE_TOKEN: random(32),
    CMS_PUBLISH_SECRET: random(32),
    HUB_ADMIN_PASSWORD: generatePassword(),
    HUB_SUBSCRIPTION_SECRET: random(32),
    HUB_SUBSCRIPTIONS_TOKEN: random(32),
    CMS_PRIVACY_TOKEN: random(32),
  };
}

function parse(text: string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const match = /^([A-Z0-9_]+)=(.*)$/.exec(line.trim());
    if (match) values[match[1]!] = match[2]!;
  }
  return values;
}

/**
 * Reads `<dataDir>/hub.env`, filling in and saving whatever is missing: a hub.env written by an
 * older version keeps its values and gains the new keys (e.g. CMS_PUBLISH_SECRET).
 */
export function loadOrCreateSecrets(dataDir: string): HubSecrets {
  // The data folder holds the databases, the letterbox and hub.env: its owner only (also a folder
  // created by an older version with the default umask).
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  chmodSync(dataDir, 0o700);
  const file = path.join(dataDir, 'hub.env');
  const stored = existsSync(file) ? parse(readFileSync(file, 'utf8')) : {};
  const secrets = { ...generate(), ...stored } as HubSecrets;
  const text = Object.entries(secrets).map(([k, v]) => `${k}=${v}`).join('\n') + '\n';
  if (!existsSync(file) || Object.keys(stored).length !== Object.keys(secrets).length) {
    writeFileSync(file, `# Secrets générés par le hub. Ne pas versionner.\n${text}`, { mode: 0o600 });
  }
  // `mode` only applies to a new file: an older hub.env keeps its owner-only mode too.
  chmodSync(file, 0o600);
  return secrets;
}

/** The keys of hub.env, in the order `npm start` writes them. */
export const SECRET_KEYS = Object.keys(generate()) as (keyof HubSecrets)[];

/**
 * The secrets of one process started on its own (`npm run start:*`), read, never written: each
 * key from the environment, from the file its `<KEY>_FILE` names, or from `<dataDir>/hub.env`
 * when that file exists (a process started beside `npm start` joins the same hub). A key found
 * nowhere is an error that names it.
 */
export function readSecrets(env: NodeJS.ProcessEnv, dataDir: string): HubSecrets {
  const file = path.join(dataDir, 'hub.env');
  const stored = existsSync(file) ? parse(readFileSync(file, 'utf8')) : {};
  const out: Record<string, string> = {};
  const missing: string[] = [];
  for (const key of SECRET_KEYS) {
    const fromFile = env[`${key}_FILE`];
    const value = env[key] ?? (fromFile ? readSecretFile(key, fromFile) : undefined) ?? stored[key];
    if (value) out[key] = value;
    else missing.push(key);
  }
  if (missing.length) {
    throw new Error(`Secrets manquants : ${missing.join(', ')}.\n  Donnez-les dans l’environnement (ou <CLÉ>_FILE), ou lancez une fois \`npm start\` pour créer ${file}.`);
  }
  return out as unknown as HubSecrets;
}

function readSecretFile(key: string, file: string): string {
  try {
    return readFileSync(file, 'utf8').trim();
  } catch {
    throw new Error(`Secret illisible : ${key}_FILE (${file}).`);
  }
}
