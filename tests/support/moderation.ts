import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHttpServer, createLogger, createServices, readConfig, systemClock, type Services } from '../../moderation/src/index.ts';

export interface TestModeration {
  url: string;
  services: Services;
  siteToken: string;
  adminEmail: string;
  adminPassword: string;
  stop(): Promise<void>;
}

/**
 * The real moderation service (its HTTP server, GraphQL, database) on a free port, on a fresh
 * SQLite file or the PostgreSQL database given.
 */
export async function startModeration(options: { databaseUrl?: string; env?: Record<string, string>; clock?: () => Date } = {}): Promise<TestModeration> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'hub-moderation-'));
  const env = {
    DATABASE_URL: options.databaseUrl ?? `sqlite:${path.join(dir, 'moderation.db')}`,
    // Its letterbox and files in its own folder, removed at the end.
    HUB_DATA_DIR: dir,
    HUB_ADMIN_EMAIL: 'admin@bailleur.example',
    HUB_ADMIN_PASSWORD: 'Moderation2026',
    MODERATION_SITE_TOKEN: 'site-token-for-tests',
    LOG_LEVEL: 'silent',
    PORT: '0',
    ...options.env,
  };
  const config = readConfig(env);
  const logger = createLogger(config.LOG_LEVEL);
  const services = await createServices(config, logger, options.clock ?? systemClock);
  const http = await createHttpServer(config, services, logger);
  const port = await http.listen(0, '127.0.0.1');
  return {
    url: `http://127.0.0.1:${port}`,
    services,
    siteToken: env.MODERATION_SITE_TOKEN,
    adminEmail: env.HUB_ADMIN_EMAIL,
    adminPassword: env.HUB_ADMIN_PASSWORD,
    async stop() {
      await http.close();
      await services.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface GraphQLResult<T = Record<string, unknown>> {
  status: number;
  data?: T;
  errors?: { message: string; extensions?: { code?: string } }[];
  cookies: string[];
}

/** A console client: keeps the session cookie like a browser would. */
export function consoleClient(baseUrl: string) {
  let cookie = '';
  return {
    get cookie() {
      return cookie;
    },
    async query<T = Record<string, unknown>>(query: string, variables: Record<string, unknown> = {}): Promise<GraphQLResult<T>> {
      const res = await fetch(`${baseUrl}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      const cookies = res.headers.getSetCookie();
      for (const c of cookies) {
        const pair = c.split(';')[0]!;
        cookie = pair.endsWith('=') ? '' : pair;
      }
      const body = (await res.json()) as { data?: T; errors?: GraphQLResult['errors'] };
      return { status: res.status, data: body.data, errors: body.errors, cookies };
    },
    async login(email: string, password: string) {
      return this.query<{ login: { id: string; role: string } }>('mutation($e:String!,$p:String!){ login(email:$e,password:$p){ id role displayName } }', { e: email, p: password });
    },
  };
}

/** What the public site sends when a tenant posts a comment. */
export async function postComment(mod: TestModeration, body: Record<string, unknown>) {
  const res = await fetch(`${mod.url}/public/comments`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-hub-site-token': mod.siteToken },
    body: JSON.stringify({ articleSlug: 'les-tilleuls', authorName: 'Nadia', clientKey: 'client-0000001', ...body }),
  });
  return { status: res.status, body: (await res.json()) as { state?: string; message?: string; error?: { code: string; message: string } } };
}

/**
 * The moderation service on `dialect`: a fresh SQLite file, or a fresh PostgreSQL database
 * dropped by `stop()`. For suites that run the same tests on both.
 */
export async function startModerationOn(dialect: 'sqlite' | 'postgres', env: Record<string, string> = {}): Promise<TestModeration> {
  if (dialect === 'sqlite') return startModeration({ env });
  const { createTempDatabase } = await import('./postgres.ts');
  const database = await createTempDatabase();
  const mod = await startModeration({ databaseUrl: database.url, env });
  return {
    ...mod,
    async stop() {
      await mod.stop();
      await database.drop();
    },
  };
}
