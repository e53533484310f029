import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
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
  /** Posts read per X account and per day (Paris time). */
  TWITTER_DAILY_READ_BUDGET: z.coerce.number().int().min(0).optional(),
});

export type HubConfig = z.infer<typeof schema>;

/** FACEBOOK_PAGES_FILE / TWITTER_ACCOUNTS_FILE: the same JSON, from a file outside git. */
function withListFiles(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const out = { ...env };
  for (const key of ['FACEBOOK_PAGES', 'TWITTER_ACCOUNTS']) {
    const file = env[`${key}_FILE`];
    if (!file || env[key]) continue;
    try {
      out[key] = readFileSync(file, 'utf8');
    } catch {
      throw new Error(`Configuration invalide :\n  - ${key}_FILE : fichier illisible (${file})`);
    }
  }
  return out;
}

export function readHubConfig(env: NodeJS.ProcessEnv = process.env): HubConfig {
  const parsed = schema.safeParse(withListFiles(env));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  - ${i.path.join('.')} : ${i.message}`);
    throw new Error(`Configuration invalide :\n${lines.join('\n')}`);
  }
  return parsed.data;
}
