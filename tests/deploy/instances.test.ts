/**
 * The hub scaled out on PostgreSQL, as a landlord runs it for no single point of failure: one CMS,
 * two site instances, two moderation processes (one SIGKILLed mid-run and restarted), the Graph
 * and X emulators slow and failing at times. What must hold whichever process does the work:
 * every item stored once; every reply, hide, claim push and on-call page sent once; one crisis,
 * one level-2 call; a CMS publish drops the cache of both sites; console sessions and the
 * visitors' form limits hold on every instance.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createGraphEmulator, createXEmulator, seededRandom, type RunningEmulator } from '@hub/emulators';
import knexFactory, { type Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoContent } from '../../cms/src/seed/content.ts';
import { readHubConfig } from '../../scripts/stack/hub-config.ts';
import { processEnvironments } from '../../scripts/stack/hub-env.ts';
import { startCms, startSite, type RunningProcess } from '../../scripts/stack/processes.ts';
import { loadOrCreateSecrets, type HubSecrets } from '../../scripts/stack/secrets.ts';
import { startCrmReceiver } from '../claims/crm-receiver.ts';
import { cmsRequest, fullAccessToken } from '../support/cms-admin.ts';
import type { TestHub } from '../support/hub.ts';
import { consoleClient } from '../support/moderation.ts';
import { spawnModeration, type ModerationProcess } from '../support/moderation-process.ts';
import { freePort } from '../support/ports.ts';
import { createTempDatabase } from '../support/postgres.ts';
import { startSmtpSink, type SmtpSink } from '../support/smtp.ts';
import { eventually } from '../support/wait.ts';

const PAGE = { id: '104857600000071', name: 'Habitat Val-de-Loire', accessToken: 'EAAG-instances' };
const X_ACCOUNT = { id: '1500000000000000071', username: 'HabitatMulti', bearerToken: 'x-instances-token' };
const NO_X_LIMITS = { 'GET /2/users/:id/mentions': 1_000_000, 'GET /2/tweets/search/recent': 1_000_000, 'POST /2/tweets': 1_000_000 };
const ROSTER = [
  { level: 1, name: 'Julie Martin', email: 'julie.martin@bailleur.example' },
  { level: 2, name: 'Direction de la communication', email: 'direction@bailleur.example' },
];
const CRM_SECRET = 'crm-secret-instances';
const ANGRY = 'Scandaleux, honteux, inadmissible ! Trois semaines sans chauffage, c’est une honte, vous vous moquez de nous !!!';
const WEEK = Object.fromEntries(['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'].map((d, i) => [d, i < 5 ? [{ start: '09:00', end: '18:00' }] : []]));
/** An exceptional closure around today, whatever today is: every negative item pages the on-call person. */
const closureAroundToday = () => {
  const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
  return { from: day(-1), to: day(1), label: 'Fermeture exceptionnelle (test)' };
};
const article = demoContent.articles.find((a) => a.commentsOpen)!;

let work: string;
let secrets: HubSecrets;
let pgModeration: Awaited<ReturnType<typeof createTempDatabase>>;
let pgCms: Awaited<ReturnType<typeof createTempDatabase>>;
let db: Knex;
let smtp: SmtpSink;
let crm: Awaited<ReturnType<typeof startCrmReceiver>>;
let emulators: { graph: ReturnType<typeof createGraphEmulator>; x: ReturnType<typeof createXEmulator>; servers: RunningEmulator[] };
let cms: RunningProcess;
const sites: RunningProcess[] = [];
const moderation: (ModerationProcess | undefined)[] = [];
let moderationEnv: Record<string, string>;

/** Plays the passing of time for a killed process: its poll and outbox leases are made expired. */
async function expireLeases() {
  const past = new Date(Date.now() - 1000).toISOString();
  await db('connector_accounts').whereNotNull('lease_owner').update({ lease_until: past });
  await db('outbox').where({ state: 'in_flight' }).update({ lease_until: past });
}

beforeAll(async () => {
  work = mkdtempSync(path.join(os.tmpdir(), 'hub-instances-'));
  [pgModeration, pgCms] = [await createTempDatabase(), await createTempDatabase()];
  db = knexFactory({ client: 'pg', connection: pgModeration.url });
  smtp = await startSmtpSink();
  crm = await startCrmReceiver(CRM_SECRET);
  const graph = createGraphEmulator({ pages: [PAGE], seed: 71, usageBudgetPerHour: 10_000_000 });
  const x = createXEmulator({ accounts: [X_ACCOUNT], seed: 71, rateLimits: NO_X_LIMITS });
  emulators = { graph, x, servers: [await graph.start(), await x.start()] };

  const [cmsPort, siteA, siteB] = [await freePort(), await freePort(), await freePort()];
  const revalidate = [siteA, siteB].map((p) => `http://127.0.0.1:${p}/api/revalidate`).join(',');
  const config = readHubConfig({ HUB_DATA_DIR: work, CMS_PORT: String(cmsPort), SITE_PORT: String(siteA), DATABASE_CLIENT: 'postgres', CMS_DATABASE_URL: pgCms.url, SITE_REVALIDATE_URL: revalidate });
  secrets = loadOrCreateSecrets(work);
  const env = processEnvironments(config, secrets, { PATH: process.env.PATH, HOME: process.env.HOME });
  cms = await startCms({ port: cmsPort, env: { ...env.cms, MODERATION_PUBLISH_URL: '' } });
  moderationEnv = {
    ...env.moderation,
    DATABASE_URL: pgModeration.url,
    FACEBOOK_GRAPH_URL: emulators.servers[0]!.url,
    TWITTER_API_URL: emulators.servers[1]!.url,
    FACEBOOK_PAGES: JSON.stringify([PAGE]),
    TWITTER_ACCOUNTS: JSON.stringify([X_ACCOUNT]),
    TWITTER_DAILY_READ_BUDGET: '100000000',
    SOCIAL_POLL_SECONDS: '0.05',
    SOCIAL_PAGE_SIZE: '5',
    OUTBOX_POLL_MS: '50',
    OUTBOX_RETRY_BASE_MS: '50',
    ESCALATION_TICK_SECONDS: '0.2',
    ONCALL_ROSTER: JSON.stringify(ROSTER),
    SMTP_URL: smtp.url,
    CLAIMS_WEBHOOK_URL: crm.url,
    CLAIMS_WEBHOOK_SECRET: CRM_SECRET,
    HUB_ADMIN_PASSWORD: 'Moderation2026',
  };
  delete moderationEnv.PORT;
  delete moderationEnv.HOST;
  moderation[0] = await spawnModeration(moderationEnv);
  moderation[1] = await spawnModeration(moderationEnv);
  // Both sites read the CMS and post to the first moderation process.
  const siteEnv = { ...env.site, MODERATION_URL: moderation[0].url };
  sites.push(await startSite({ port: siteA, env: siteEnv }), await startSite({ port: siteB, env: { ...siteEnv, MODERATION_URL: moderation[1].url } }));

  // The offices closed around today: outside office hours, whatever the day the test runs.
  const admin = consoleClient(moderation[0].url);
  await admin.login('admin@bailleur.example', 'Moderation2026');
  const saved = await admin.query('mutation($i: OfficeCalendarInput!){ saveOfficeCalendar(input: $i) { region } }', { i: { hours: WEEK, region: null, closures: [closureAroundToday()] } });
  expect(saved.errors).toBeUndefined();
  await new Promise((r) => setTimeout(r, 3_500)); // each process re-reads the calendar within 3 s
}, 240_000);

afterAll(async () => {
  await Promise.all(moderation.map((m) => m?.kill9()));
  await Promise.all(sites.map((s) => s.stop()));
  await cms?.stop();
  await Promise.all(emulators?.servers.map((s) => s.close()) ?? []);
  await crm?.close();
  await smtp?.close();
  await db?.destroy();
  await pgModeration?.drop();
  await pgCms?.drop();
  rmSync(work, { recursive: true, force: true });
});

const client = async (index: number) => {
  const c = consoleClient(moderation[index]!.url);
  expect((await c.login('admin@bailleur.example', 'Moderation2026')).errors).toBeUndefined();
  return c;
};

describe('several instances on PostgreSQL', () => {
  const expected: string[] = [];

  it('stores every item once while two processes poll and one is killed with SIGKILL and restarted', async () => {
    const { graph, x } = emulators;
    const random = seededRandom(7171);
    const post = graph.addPost(PAGE.id, { message: 'Réhabilitation de la résidence Les Tilleuls : le calendrier' }).id;
    let n = 0;
    const addOne = () => {
      n++;
      if (random() < 0.3) {
        expected.push(`x_mention|${x.addMention(X_ACCOUNT.id, { from: `voisin_${n % 7}`, text: `Question ${n} sur les travaux de façade` }).id}`);
      } else {
        expected.push(`facebook_comment|${graph.addComment(PAGE.id, post, { from: { id: String(700000 + (n % 11)), name: `Locataire ${n % 11}` }, message: `Question ${n} : quand les échafaudages partent-ils ?` }).id}`);
      }
    };
    for (let i = 0; i < 15; i++) addOne();
    graph.setFaults({ delayMs: { min: 10, max: 60 }, serverError: { probability: 0.1 } });
    x.setFaults({ delayMs: { min: 10, max: 60 }, serverError: { probability: 0.1 } });
    const feeder = setInterval(addOne, 40);
    let storedBeforeKill: number;
    try {
      await new Promise((r) => setTimeout(r, 900));
      const port = Number(new URL(moderation[0]!.url).port);
      storedBeforeKill = Number((await db('items').count({ n: '*' }))[0]!.n);
      await moderation[0]!.kill9();
      await expireLeases();
      // Restarted on its address, as a supervisor does behind the load balancer.
      moderation[0] = await spawnModeration(moderationEnv, 30_000, port);
      await new Promise((r) => setTimeout(r, 900));
    } finally {
      clearInterval(feeder);
    }
    // The networks recover (a failed X backfill waits before trying again): what was missed is read then.
    graph.clearFaults();
    x.clearFaults();
    const stored = async () => (await db('items').whereIn('source', ['facebook_comment', 'x_mention']).select('source', 'external_id')).map((r: { source: string; external_id: string }) => `${r.source}|${r.external_id}`);
    await eventually(async () => {
      const have = new Set(await stored());
      return expected.every((k) => have.has(k)) ? true : undefined;
    }, 60_000, 200).catch(async (error: unknown) => {
      const have = new Set(await stored());
      throw new Error(`${(error as Error).message}; missing: ${expected.filter((k) => !have.has(k)).join(', ')}; accounts: ${JSON.stringify(await db('connector_accounts').select('account_key', 'last_error', 'lease_owner', 'lease_until', 'next_poll_at', 'cursor'))}; output: ${moderation.map((m) => m?.output.slice(-8).join('\n')).join('\n---\n')}`);
    });
    const keys = await stored();
    // The kill landed while the processes were at work: items were stored before it, more after.
    expect(storedBeforeKill).toBeGreaterThan(0);
    expect(storedBeforeKill).toBeLessThan(expected.length);
    expect(keys.length).toBe(expected.length);
    expect(new Set(keys)).toEqual(new Set(expected));
  }, 120_000);

  it('opens one crisis for an angry comment, pages level 1 once, and level 2 once', async () => {
    const { graph } = emulators;
    const post = graph.addPost(PAGE.id, { message: 'Chauffage : point sur les réparations' }).id;
    graph.addComment(PAGE.id, post, { from: { id: '799001', name: 'Locataire en colère' }, message: ANGRY });
    await smtp.waitFor(1, ROSTER[0]!.email, 30_000);
    // Time passes with nobody acknowledging: the crisis is due for level 2 now.
    await db('crises').where({ state: 'open' }).update({ escalate_at: new Date(Date.now() - 1000).toISOString() });
    await smtp.waitFor(1, ROSTER[1]!.email, 30_000);
    await new Promise((r) => setTimeout(r, 1_500)); // both processes tick every 0.2 s meanwhile
    expect(smtp.to(ROSTER[0]!.email)).toHaveLength(1);
    expect(smtp.to(ROSTER[1]!.email)).toHaveLength(1);
    const crises = await db('crises').select('id', 'level');
    expect(crises).toHaveLength(1);
    expect(crises[0]!.level).toBe(2);
  }, 90_000);

  it('sends each reply, hide and claim push once, asked from either process', async () => {
    const { graph, x } = emulators;
    const items = (await db('items').whereIn('source', ['facebook_comment', 'x_mention']).whereNotIn('state', ['hidden', 'escalated']).orderBy('created_at').limit(9).select('id', 'source', 'external_id')) as { id: string; source: string; external_id: string }[];
    const [a, b] = [await client(0), await client(1)];
    // The networks down while the actions are asked, then slow and failing at times while the
    // outbox drains: the retries must not send anything twice.
    graph.setFaults({ serverError: { probability: 1 } });
    x.setFaults({ serverError: { probability: 1 } });
    const replies = items.slice(0, 4);
    const hides = items.filter((i) => i.source === 'facebook_comment').slice(4, 7);
    const claims = items.slice(7, 9);
    for (const [i, item] of replies.entries()) expect((await (i % 2 ? b : a).query('mutation($id:ID!,$t:String!){ reply(id:$id,text:$t){ id } }', { id: item.id, t: `Bonjour, les échafaudages partent vendredi (${i}).` })).errors).toBeUndefined();
    for (const [i, item] of hides.entries()) expect((await (i % 2 ? a : b).query('mutation($id:ID!){ hide(id:$id, reason: "hors charte"){ id } }', { id: item.id })).errors).toBeUndefined();
    const references: string[] = [];
    for (const [i, item] of claims.entries()) {
      const opened = await (i % 2 ? b : a).query<{ openClaim: { reference: string } }>('mutation($id:ID!){ openClaim(itemId:$id){ reference } }', { id: item.id });
      expect(opened.errors).toBeUndefined();
      references.push(opened.data!.openClaim.reference);
    }
    await new Promise((r) => setTimeout(r, 400));
    graph.setFaults({ delayMs: { min: 10, max: 60 }, serverError: { probability: 0.15 } });
    x.setFaults({ delayMs: { min: 10, max: 60 }, serverError: { probability: 0.15 } });
    await eventually(async () => ((await db('outbox').whereIn('state', ['pending', 'in_flight']).count({ n: '*' }))[0]!.n === '0' ? true : undefined), 60_000, 200);
    expect(await db('outbox').where({ state: 'failed' }).select('kind', 'last_error')).toEqual([]);
    // The outage did bite: the actions on the networks needed more than one attempt.
    expect(Number((await db('outbox').whereIn('kind', ['reply', 'hide']).where('attempts', '>', 1).count({ n: '*' }))[0]!.n)).toBeGreaterThan(0);

    for (const item of replies) {
      const found = item.source === 'facebook_comment' ? graph.repliesOf(item.external_id) : x.repliesTo(item.external_id);
      expect(found, `${item.source} ${item.external_id}`).toHaveLength(1);
    }
    for (const item of hides) {
      const applied = graph.requests.filter((r) => r.method === 'POST' && r.path.endsWith(`/${item.external_id}`) && r.status === 200);
      expect(applied, `hide ${item.external_id}`).toHaveLength(1);
    }
    for (const reference of references) expect(crm.requests.filter((r) => r.status < 300 && r.headers['idempotency-key'] === `claim_push:${reference}`)).toHaveLength(1);
  }, 120_000);

  it('drops the page cache of both site instances within 2 s of a CMS publish', async () => {
    const pageOf = async (site: RunningProcess) => {
      const res = await fetch(`${site.url}/articles/${article.slug}`);
      return { cache: res.headers.get('x-cache'), text: await res.text() };
    };
    for (const site of sites) {
      await pageOf(site);
      expect((await pageOf(site)).cache).toBe('HIT');
    }
    const hub = { cmsUrl: cms.url, adminEmail: 'admin@bailleur.example', secrets } as TestHub;
    const token = await fullAccessToken(hub);
    const found = await cmsRequest(hub, token, 'GET', `articles?filters[slug][$eq]=${article.slug}`);
    const title = `${article.title} (mis à jour)`;
    const published = Date.now();
    await cmsRequest(hub, token, 'PUT', `articles/${found.data[0].documentId}?status=published`, { data: { title } });
    for (const site of sites) {
      await eventually(async () => ((await pageOf(site)).text.includes(title) ? true : undefined), 2_000, 50);
    }
    console.log(`both site instances show the new title ${Date.now() - published} ms after the publish`);
  }, 60_000);

  it('keeps console sessions and the visitors’ form limits whichever instance answers', async () => {
    const a = await client(0);
    const me = await fetch(`${moderation[1]!.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', cookie: a.cookie }, body: JSON.stringify({ query: '{ me { role } }' }) });
    expect(((await me.json()) as { data: { me: { role: string } } }).data.me.role).toBe('admin');

    // The same visitor (behind both sites, the same address) posts five comments through one site,
    // then a sixth through the other: the limit is the moderation database's, shared by all.
    const post = (site: RunningProcess, i: number) =>
      fetch(`${site.url}/articles/${article.slug}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: site.url },
        body: new URLSearchParams({ nom: 'Monique', commentaire: `Merci pour les nouvelles fenêtres (${i})`, site_web: '' }).toString(),
        redirect: 'manual',
      });
    for (let i = 0; i < 5; i++) expect((await post(sites[0]!, i)).status).toBe(303);
    const sixth = await post(sites[1]!, 5);
    const page = sixth.status === 303 ? await (await fetch(sites[1]!.url + sixth.headers.get('location'))).text() : await sixth.text();
    expect(page).toContain('Vous avez envoyé beaucoup de messages en peu de temps');
  }, 60_000);
});
