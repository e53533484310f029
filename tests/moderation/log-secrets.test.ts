/**
 * No secret in the logs, for real: `node moderation/src/main.ts` runs as a child process at
 * LOG_LEVEL=trace with a known value in every sensitive setting (Page tokens, X bearer, SMTP
 * password, CRM and on-call webhook secrets, on-call webhook URL token, site token, admin
 * password). An administrator signs in, a tenant posts a comment, the networks are polled, and
 * errors are provoked (forged signatures, a bad site token, a malformed GraphQL query, a
 * rejected CRM, an unreachable mail server). Then every line the process printed (stdout and
 * stderr) and every file under its data folder (but the databases) is searched for each value.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createGraphEmulator, createXEmulator, type RunningEmulator } from '@hub/emulators';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleClient } from '../support/moderation.ts';
import { spawnModeration, type ModerationProcess } from '../support/moderation-process.ts';
import { freePort } from '../support/ports.ts';

const SECRETS = {
  pageToken: 'EAAG-log-secret-page-4711',
  bearer: 'x-log-secret-bearer-4712',
  smtpPassword: 'smtp-log-secret-4713',
  claimsSecret: 'claims-log-secret-4714',
  oncallSecret: 'oncall-log-secret-4715',
  adminPassword: 'Admin-log-secret-4716',
  siteToken: 'site-log-secret-4717',
  webhookToken: 'hook-log-secret-4718',
  appSecret: 'app-log-secret-4719',
  revalidateSecret: 'revalidate-log-secret-4720',
};
const PAGE = { id: '104857600000071', name: 'Habitat Journaux', accessToken: SECRETS.pageToken };
const X_ACCOUNT = { id: '1500000000000000071', username: 'HabitatJournaux', bearerToken: SECRETS.bearer };
const ADMIN = 'admin@bailleur.example';

/** Every file under `dir`, but the databases (and hub.env, written for the launcher). */
function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return files(full);
    return /\.db(-wal|-shm|-journal)?$/.test(name) || name === 'hub.env' ? [] : [full];
  });
}

describe('secrets in the logs', () => {
  let dir = '';
  let mod: ModerationProcess | undefined;
  const servers: RunningEmulator[] = [];
  const lines: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'hub-log-secrets-'));
    const graph = createGraphEmulator({ pages: [PAGE], seed: 71, usageBudgetPerHour: 10_000_000 });
    const x = createXEmulator({ accounts: [X_ACCOUNT], seed: 71 });
    servers.push(await graph.start(), await x.start());
    const post = graph.addPost(PAGE.id, { message: 'Travaux du hall' });
    graph.addComment(PAGE.id, post.id, { from: { id: '900071', name: 'Locataire' }, message: 'Quand l’ascenseur sera-t-il réparé ?' });
    x.addMention(X_ACCOUNT.id, { from: 'locataire_71', text: 'Bonjour, question sur le chauffage' });
    const closed = await freePort();
    mod = await spawnModeration({
      HUB_DATA_DIR: dir,
      LOG_LEVEL: 'trace',
      HUB_ADMIN_EMAIL: ADMIN,
      HUB_ADMIN_PASSWORD: SECRETS.adminPassword,
      MODERATION_SITE_TOKEN: SECRETS.siteToken,
      HUB_REVALIDATE_SECRET: SECRETS.revalidateSecret,
      SITE_REVALIDATE_URL: `http://127.0.0.1:${closed}/revalidate`,
      FACEBOOK_APP_SECRET: SECRETS.appSecret,
      FACEBOOK_GRAPH_URL: servers[0]!.url,
      TWITTER_API_URL: servers[1]!.url,
      FACEBOOK_PAGES: JSON.stringify([PAGE]),
      TWITTER_ACCOUNTS: JSON.stringify([X_ACCOUNT]),
      SOCIAL_POLL_SECONDS: '0.2',
      SMTP_URL: `smtp://astreinte:${SECRETS.smtpPassword}@127.0.0.1:${closed}`,
      CLAIMS_WEBHOOK_URL: `http://127.0.0.1:${closed}/crm`,
      CLAIMS_WEBHOOK_SECRET: SECRETS.claimsSecret,
      ONCALL_WEBHOOK_SECRET: SECRETS.oncallSecret,
      ONCALL_ROSTER: JSON.stringify([{ level: 1, name: 'Camille', email: 'camille@bailleur.example', webhook: `http://127.0.0.1:${closed}/hook/${SECRETS.webhookToken}` }]),
      OUTBOX_POLL_MS: '50',
      OUTBOX_RETRY_BASE_MS: '50',
    });
    const collect = (chunk: Buffer) => lines.push(...chunk.toString('utf8').split('\n'));
    mod.child.stdout!.on('data', collect);
    mod.child.stderr!.on('data', collect);
    lines.push(...mod.output);
  });

  afterAll(async () => {
    await mod?.stop();
    await Promise.all(servers.map((s) => s.close()));
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('writes none of them, in any log line or data file', async () => {
    const url = mod!.url;
    // Sign in (a wrong password first), then a console query.
    const console = consoleClient(url);
    await console.login(ADMIN, `${SECRETS.adminPassword}-wrong`);
    const login = await console.login(ADMIN, SECRETS.adminPassword);
    expect(login.errors).toBeUndefined();
    await console.query('{ me { id } }');
    await console.query('{ nonsense(');
    // A tenant's comment from the site, then the same with a wrong token.
    const comment = (token: string) =>
      fetch(`${url}/public/comments`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-hub-site-token': token, cookie: `hub_session=${SECRETS.siteToken}` },
        body: JSON.stringify({ articleSlug: 'les-tilleuls', authorName: 'Nadia', clientKey: 'client-0000071', text: 'Le chauffage est en panne depuis hier, bâtiment B.' }),
      });
    expect((await comment(SECRETS.siteToken)).status).toBeLessThan(300);
    expect((await comment(`${SECRETS.siteToken}x`)).status).toBe(401);
    // Forged signatures: the CRM's status update and a Facebook webhook.
    await fetch(`${url}/claims/status`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-hub-timestamp': '1', 'x-hub-signature-256': `sha256=${SECRETS.claimsSecret}` }, body: '{}' });
    await fetch(`${url}/webhooks/facebook`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-hub-signature-256': `sha256=${SECRETS.appSecret}` }, body: '{"object":"page"}' });
    await fetch(`${url}/webhooks/facebook?hub.mode=subscribe&hub.verify_token=${SECRETS.appSecret}&hub.challenge=1`);
    // A request that fails inside the service: a body too large, malformed JSON.
    await fetch(`${url}/public/comments`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-hub-site-token': SECRETS.siteToken }, body: '{' });
    // Let the pollers read the networks a few times and the outbox try its deliveries.
    await new Promise((r) => setTimeout(r, 3000));
    await mod!.stop();

    const logs = lines.join('\n');
    expect(logs.length).toBeGreaterThan(0);
    const contents = files(dir).map((file) => ({ file, text: readFileSync(file, 'latin1') }));
    for (const [name, value] of Object.entries(SECRETS)) {
      const leaked = logs.split('\n').find((line) => line.includes(value));
      expect(leaked, `${name} in the logs`).toBeUndefined();
      for (const { file, text } of contents) expect(text.includes(value), `${name} in ${path.relative(dir, file)}`).toBe(false);
    }
  });
});
