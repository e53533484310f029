import { z } from 'zod';

/**
 * The hub's own settings for the CMS (Strapi's own settings stay in config/). Read once, at
 * register time; nothing else in src/ reads process.env.
 */
const schema = z.object({
  /** Site endpoint that drops cached pages when content changes. Empty: nobody to tell. */
  SITE_REVALIDATE_URL: z.string().url().or(z.literal('')).default(''),
  /** Moderation endpoint told about articles published with « share on social networks ». Empty: no sharing. */
  MODERATION_PUBLISH_URL: z.string().url().or(z.literal('')).default(''),
  /** Shared secret signing the change notices sent to the site and to moderation (sensitive). */
  HUB_REVALIDATE_SECRET: z.string().default(''),
  /** The site's read-only Content API token, provisioned under this exact value (sensitive). */
  SITE_API_TOKEN: z.string().default(''),
  /** First administrator of the CMS, created on an empty database. */
  HUB_ADMIN_EMAIL: z.string().email().default('admin@bailleur.example'),
  /** Its password (sensitive). Empty: no administrator is created. */
  HUB_ADMIN_PASSWORD: z.string().default(''),
  /** Seed the demo content on a fresh database. */
  HUB_SEED_DEMO: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
});

export type HubConfig = z.infer<typeof schema>;

export function readHubConfig(env: NodeJS.ProcessEnv = process.env): HubConfig {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((i) => i.path.join('.')).join(', ');
    throw new Error(`Configuration du CMS invalide : ${fields}`);
  }
  return parsed.data;
}
