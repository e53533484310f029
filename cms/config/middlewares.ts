import type { Core } from '@strapi/strapi';

/** The origin (scheme://host:port) of a configured address, or nothing when it is empty or not a URL. */
function originOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

/**
 * Browsers may read the CMS's answers (with credentials) from the public site and from the CMS's
 * own admin only: Strapi's default reflects any origin, which lets any page read what a logged-in
 * editor's browser sees. The other CORS defaults stay as Strapi sets them.
 */
function allowedOrigins(env: (name: string, fallback?: string) => string | undefined): string[] {
  const origins = [originOf(env('PUBLIC_SITE_URL', 'http://localhost:4321')), originOf(env('CMS_PUBLIC_URL', ''))];
  return [...new Set(origins.filter((o): o is string => Boolean(o)))];
}

const config = ({ env }: Core.Config.Shared.ConfigParams): Core.Config.Middlewares => [
  'strapi::logger',
  'strapi::errors',
  'strapi::security',
  { name: 'strapi::cors', config: { origin: allowedOrigins((name, fallback) => env(name, fallback)) } },
  'strapi::poweredBy',
  'strapi::query',
  'strapi::body',
  'strapi::session',
  'strapi::favicon',
  'strapi::public',
];

export default config;
