import path from 'node:path';
import { z } from 'zod';

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
  /** The site's endpoint that drops cached pages, and the secret that signs notices (sensitive). */
  SITE_REVALIDATE_URL: z.string().url().or(z.literal('')).default(''),
  HUB_REVALIDATE_SECRET: z.string().default(''),
  /** First administrator, created on an empty database (password sensitive). */
  HUB_ADMIN_EMAIL: z.string().email().default('admin@bailleur.example'),
  HUB_ADMIN_PASSWORD: z.string().default(''),
  SESSION_HOURS: z.coerce.number().positive().default(12),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type ModerationConfig = z.infer<typeof schema> & { databaseUrl: string };

export function readConfig(env: NodeJS.ProcessEnv = process.env): ModerationConfig {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((i) => `${i.path.join('.')} (${i.message})`).join(', ');
    throw new Error(`Configuration du service de modération invalide : ${fields}`);
  }
  const config = parsed.data;
  return { ...config, databaseUrl: config.DATABASE_URL ?? `sqlite:${path.join(config.HUB_DATA_DIR, 'moderation.db')}` };
}
