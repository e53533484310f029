import path from 'path';
import type { Core } from '@strapi/strapi';

/**
 * SQLite under the hub's data folder by default; PostgreSQL when DATABASE_CLIENT=postgres
 * (with DATABASE_URL) for the scale-out path.
 */
const config = ({ env }: Core.Config.Shared.ConfigParams): Core.Config.Database => {
  const client = env('DATABASE_CLIENT', 'sqlite');
  const pool = { min: env.int('DATABASE_POOL_MIN', 0), max: env.int('DATABASE_POOL_MAX', 10) };
  const acquireConnectionTimeout = env.int('DATABASE_CONNECTION_TIMEOUT', 60000);

  if (client === 'postgres') {
    const url = new URL(env('DATABASE_URL', 'postgres://strapi@127.0.0.1:5432/strapi'));
    return {
      connection: {
        client: 'postgres' as const,
        connection: {
          connectionString: url.href,
          host: url.hostname,
          port: Number(url.port || 5432),
          database: decodeURIComponent(url.pathname.slice(1)),
          user: decodeURIComponent(url.username),
          password: decodeURIComponent(url.password),
          schema: env('DATABASE_SCHEMA', 'public'),
        },
        pool,
        acquireConnectionTimeout,
      },
    };
  }
  if (client !== 'sqlite') {
    throw new Error(`DATABASE_CLIENT inconnu : « ${client} ». Valeurs possibles : sqlite, postgres.`);
  }
  // The compiled config lives in dist/config: the cms folder is two levels up.
  const cmsRoot = path.join(__dirname, '..', '..');
  return {
    connection: {
      client: 'sqlite' as const,
      connection: { filename: path.resolve(cmsRoot, env('DATABASE_FILENAME', '../data/cms.db')) },
      useNullAsDefault: true,
      // Write-ahead log: a commit appends to the log instead of rewriting pages behind a rollback
      // journal (about 1 ms less per write here; the newsletter send log writes twice per message),
      // and a reader (a backup, the tests) never blocks the writer. Kept in the file once set.
      pool: {
        afterCreate: (conn: unknown, done: (error?: Error, conn?: unknown) => void) => {
          (conn as { pragma(statement: string): unknown }).pragma('journal_mode = WAL');
          done(undefined, conn);
        },
      },
      acquireConnectionTimeout,
    },
  };
};

export default config;
