/**
 * « Retention »: the daily purge of personal data, on SQLite and PostgreSQL. Data is seeded at
 * several ages around a chosen day (the injected clock), two processes try to purge that day at
 * once, and the test checks what is gone, what stays (and why), that the dashboard, the queue's
 * counts and the claims' statistics still add up, that the purge wrote its own audit entry with
 * its counts, that a second run the same day does nothing and the next day only what expired since.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RETENTION_DEFAULTS, type RetentionPeriods } from '@hub/integrations/privacy';
import { openDatabase, type Db } from '../../moderation/src/db/database.ts';
import type { ItemsTable } from '../../moderation/src/db/schema.ts';
import { newOutboxRow } from '../../moderation/src/outbox/enqueue.ts';
import { createRetention, type PurgeCounts } from '../../moderation/src/retention/purge.ts';
import { ANONYMISED } from '../../moderation/src/retention/store.ts';
import { startModeration, type TestModeration } from '../support/moderation.ts';
import { createTempDatabase } from '../support/postgres.ts';

const DAY_MS = 86_400_000;
/** The day of the first purge: noon in Paris, any date would do. */
const TODAY = new Date('2026-06-15T10:00:00.000Z');
const PERIODS = Object.fromEntries(Object.entries(RETENTION_DEFAULTS).map(([key, value]) => [key, value.days])) as RetentionPeriods;
const ago = (days: number) => new Date(TODAY.getTime() - days * DAY_MS).toISOString();

function item(id: string, options: { state: string; daysAgo: number; source?: string }): ItemsTable {
  const at = ago(options.daysAgo);
  return {
    id,
    source: options.source ?? 'site_comment',
    account_id: 'site',
    external_id: id,
    author_name: `Auteur ${id}`,
    author_external_id: `visitor-${id}`,
    text: `Texte de ${id}, appelez-moi au 06 12 34 56 78`,
    created_at: at,
    ingested_at: at,
    updated_at: at,
    permalink: null,
    parent_id: null,
    thread_id: id,
    article_slug: null,
    worksite_slug: null,
    residence: 'Les Tilleuls',
    state: options.state,
    severity: null,
    rule_ids: '[]',
    charter_version: null,
    personal_data: '[]',
    request_category: null,
    negative_score: 0,
    assigned_to: null,
    private_details: null,
  };
}

function claim(id: string, options: { status: string; daysAgo: number; itemId: string }) {
  const at = ago(options.daysAgo);
  return { id, reference: `REC-2024-0000${id.slice(-2)}`, category: 'chauffage', residence: 'Les Tilleuls', address: '3 rue des Lilas', description: 'Plus de chauffage chez Mme Martin', item_id: options.itemId, author_handle: '@mmartin', permalink: 'https://example.org/p/1', status: options.status, emergency: 0, created_at: at, updated_at: at, crm_reference: null };
}

function outbox(id: string, options: { kind: string; itemId: string; state: string; daysAgo: number }) {
  const at = ago(options.daysAgo);
  return { ...newOutboxRow({ id, kind: options.kind as 'reply', itemId: options.itemId, network: 'mail', accountId: 'site', target: 'astreinte@bailleur.example', payload: '{"to":"astreinte@bailleur.example"}', idempotencyKey: id, at }), state: options.state };
}

async function seed(db: Db, moderation: TestModeration) {
  const items = [
    item('published-old', { state: 'approved', daysAgo: 400 }),
    item('published-recent', { state: 'answered', daysAgo: 100 }),
    item('published-old-active', { state: 'approved', daysAgo: 400 }),
    item('published-next-day', { state: 'approved', daysAgo: PERIODS.queueItems - 0.5 }),
    item('refused-old', { state: 'rejected', daysAgo: 100 }),
    item('hidden-recent', { state: 'hidden', daysAgo: 30 }),
    item('undecided-old', { state: 'new', daysAgo: 500 }),
    item('contact-old', { state: 'answered', daysAgo: 400, source: 'site_contact' }),
    item('contact-recent', { state: 'answered', daysAgo: 200, source: 'site_contact' }),
    item('in-open-crisis', { state: 'approved', daysAgo: 400 }),
    item('open-claim', { state: 'approved', daysAgo: 400 }),
    item('reply-pending', { state: 'approved', daysAgo: 400 }),
    item('closed-claim', { state: 'approved', daysAgo: 800 }),
    item('this-week', { state: 'approved', daysAgo: 3 }),
  ];
  for (const row of items) {
    await db.insertInto('items').values(row).execute();
    await moderation.services.items.count(db, row, null, row.state);
    await db.insertInto('item_events').values({ item_id: row.id, kind: 'decision', actor: 'user:1', from_state: 'new', to_state: row.state, reason: null, rule_ids: '[]', charter_version: null, payload: null, created_at: row.updated_at }).execute();
  }
  // A note ten days ago: the item's last activity is recent, whatever its state's date.
  await db.insertInto('item_events').values({ item_id: 'published-old-active', kind: 'note', actor: 'user:1', from_state: null, to_state: null, reason: null, rule_ids: '[]', charter_version: null, payload: '{"text":"à suivre"}', created_at: ago(10) }).execute();
  await db.insertInto('crises').values({ id: 'crisis-open', kind: 'alert', scope: 'item:in-open-crisis', scope_label: 'Un message', state: 'open', reasons: '[]', paged: 1, level: 1, opened_at: ago(400), escalate_at: null, acknowledged_at: null, acknowledged_by: null, closed_at: null, closed_by: null, item_count: 1 }).execute();
  await db.insertInto('crisis_items').values({ crisis_id: 'crisis-open', item_id: 'in-open-crisis', added_at: ago(400) }).execute();
  await db.insertInto('crises').values({ id: 'crisis-closed', kind: 'alert', scope: 'item:published-old', scope_label: 'Un message', state: 'closed', reasons: '[]', paged: 1, level: 1, opened_at: ago(400), escalate_at: null, acknowledged_at: ago(400), acknowledged_by: 'Paul', closed_at: ago(399), closed_by: 'user:1', item_count: 1 }).execute();
  await db.insertInto('crisis_events').values({ crisis_id: 'crisis-closed', kind: 'notified', actor: 'system', detail: '{"level":1,"name":"Paul Durand"}', at: ago(400) }).execute();
  await db.insertInto('claims').values([claim('claim-01', { status: 'en_cours', daysAgo: 900, itemId: 'open-claim' }), claim('claim-02', { status: 'resolue', daysAgo: 800, itemId: 'closed-claim' }), claim('claim-03', { status: 'resolue', daysAgo: 100, itemId: 'published-recent' })]).execute();
  await db.insertInto('claim_events').values({ claim_id: 'claim-02', kind: 'status', actor: 'crm', from_status: 'en_cours', to_status: 'resolue', note: 'Mme Martin rappelée', dedupe_key: null, created_at: ago(800) }).execute();
  await db
    .insertInto('outbox')
    .values([
      outbox('reply-pending-row', { kind: 'reply', itemId: 'reply-pending', state: 'pending', daysAgo: 400 }),
      outbox('page-old', { kind: 'oncall_email', itemId: 'crisis:crisis-closed', state: 'done', daysAgo: 400 }),
      outbox('page-failed', { kind: 'oncall_email', itemId: 'crisis:crisis-closed', state: 'failed', daysAgo: 400 }),
      outbox('page-recent', { kind: 'oncall_email', itemId: 'crisis:crisis-open', state: 'done', daysAgo: 100 }),
    ])
    .execute();
  const second = (days: number) => Math.floor((TODAY.getTime() - days * DAY_MS) / 1000);
  await db.insertInto('rate_limits').values([{ bucket: 'public:old', window_start: second(10), hits: 2 }, { bucket: 'public:new', window_start: second(1), hits: 1 }]).execute();
  await db.insertInto('login_throttle').values([{ key: 'old', failures: 2, locked_until: null, updated_at: ago(10) }, { key: 'new', failures: 1, locked_until: null, updated_at: ago(2) }]).execute();
  await db.insertInto('audit_log').values([
    { at: ago(400), actor: 'user:1', action: 'user.create', target_type: 'user', target_id: 'u-old', before: null, after: '{"email":"ancienne@bailleur.example"}' },
    { at: ago(10), actor: 'user:1', action: 'user.create', target_type: 'user', target_id: 'u-new', before: null, after: '{"email":"nouvelle@bailleur.example"}' },
  ]).execute();
}

const NOTHING: PurgeCounts = { queueItems: 0, refusedItems: 0, contactMessages: 0, itemEvents: 0, visitorHashes: 0, claimPersonalFields: 0, oncallEmails: 0, oncallNotices: 0, auditDetails: 0, letterboxEmails: 0 };

describe.each(['sqlite', 'postgres'] as const)('daily purge of personal data (%s)', (dialect) => {
  let now = new Date(TODAY.getTime() - 2 * DAY_MS);
  const clock = () => now;
  let moderation: TestModeration;
  let second: Db;
  let drop: () => Promise<void> = async () => undefined;

  beforeAll(async () => {
    let url: string;
    if (dialect === 'postgres') {
      const database = await createTempDatabase();
      url = database.url;
      drop = () => database.drop();
    } else {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'hub-retention-'));
      url = `sqlite:${path.join(dir, 'moderation.db')}`;
      drop = async () => rmSync(dir, { recursive: true, force: true });
    }
    moderation = await startModeration({ databaseUrl: url, clock });
    // A second connection, as a second moderation process would have.
    second = openDatabase(url).db;
    await seed(moderation.services.db, moderation);
    now = TODAY;
  });

  afterAll(async () => {
    await second?.destroy();
    await moderation?.stop();
    await drop();
  });

  const ids = async () => (await moderation.services.db.selectFrom('items').select('id').orderBy('id').execute()).map((r) => r.id);

  it('purges what is past its period, once, even with two processes on one database', async () => {
    const db = moderation.services.db;
    const dashboardBefore = await moderation.services.dashboard(30);
    const claimCountsBefore = await moderation.services.claims.counts();
    const one = createRetention({ db, clock, periods: PERIODS });
    const other = createRetention({ db: second, clock, periods: PERIODS });

    const runs = await Promise.all([one.runToday(), other.runToday()]);
    expect(runs.filter((r) => r === null)).toHaveLength(1);
    const counts = runs.find((r) => r !== null)!;
    expect(counts).toEqual({ ...NOTHING, queueItems: 2, refusedItems: 1, contactMessages: 1, itemEvents: 4, visitorHashes: 2, claimPersonalFields: 1, oncallEmails: 1, oncallNotices: 1, auditDetails: 1 });

    expect(await ids()).toEqual(['contact-recent', 'hidden-recent', 'in-open-crisis', 'open-claim', 'published-next-day', 'published-old-active', 'published-recent', 'reply-pending', 'this-week', 'undecided-old']);
    expect(await db.selectFrom('item_events').select('id').where('item_id', 'in', ['published-old', 'refused-old', 'contact-old', 'closed-claim']).execute()).toEqual([]);
    // The queue's tabs still count what the lists show.
    expect(await moderation.services.items.total()).toBe(10);
    expect(await moderation.services.dashboard(30)).toEqual(dashboardBefore);

    // The finished claim keeps what the statistics and the tenant's lookup need.
    const anonymised = await moderation.services.claims.byReference('REC-2024-000002');
    expect(anonymised).toMatchObject({ status: 'resolue', category: 'chauffage', residence: 'Les Tilleuls', description: ANONYMISED, address: null });
    expect(JSON.stringify(anonymised)).not.toContain('Martin');
    expect(await moderation.services.claims.byReference('REC-2024-000001')).toMatchObject({ status: 'en_cours', description: 'Plus de chauffage chez Mme Martin' });
    expect(await moderation.services.claims.byReference('REC-2024-000003')).toMatchObject({ description: 'Plus de chauffage chez Mme Martin' });
    expect(await moderation.services.claims.counts()).toEqual(claimCountsBefore);
    expect((await db.selectFrom('claim_events').select('note').where('claim_id', '=', 'claim-02').execute()).map((e) => e.note)).toEqual([null]);

    expect((await db.selectFrom('outbox').select('id').orderBy('id').execute()).map((r) => r.id)).toEqual(['page-failed', 'page-recent', 'reply-pending-row']);
    expect((await db.selectFrom('crisis_events').select('detail').where('crisis_id', '=', 'crisis-closed').execute())[0]?.detail).toBeNull();
    expect((await db.selectFrom('rate_limits').select('bucket').execute()).map((r) => r.bucket)).toEqual(['public:new']);
    expect((await db.selectFrom('login_throttle').select('key').execute()).map((r) => r.key)).toEqual(['new']);

    const audits = await db.selectFrom('audit_log').selectAll().where('target_id', 'in', ['u-old', 'u-new']).orderBy('at').execute();
    expect(audits.map((a) => [a.actor, a.action, a.target_id, a.after === null])).toEqual([['user:1', 'user.create', 'u-old', true], ['user:1', 'user.create', 'u-new', false]]);
    const purges = await db.selectFrom('audit_log').selectAll().where('action', '=', 'retention.purge').execute();
    expect(purges).toHaveLength(1);
    expect(purges[0]).toMatchObject({ actor: 'system', target_type: 'retention', target_id: '2026-06-15' });
    expect(JSON.parse(purges[0]!.after!)).toEqual(counts);
  });

  it('does nothing more the same day', async () => {
    now = new Date(TODAY.getTime() + 6 * 3_600_000);
    expect(await createRetention({ db: moderation.services.db, clock, periods: PERIODS }).runToday()).toBeNull();
    expect(await ids()).toHaveLength(10);
  });

  it('the next day purges only what expired since', async () => {
    now = new Date(TODAY.getTime() + DAY_MS);
    const counts = await createRetention({ db: moderation.services.db, clock, periods: PERIODS }).runToday();
    expect(counts).toEqual({ ...NOTHING, queueItems: 1, itemEvents: 1 });
    expect(await ids()).not.toContain('published-next-day');
    expect(await ids()).toHaveLength(9);
    expect(await moderation.services.db.selectFrom('audit_log').select('target_id').where('action', '=', 'retention.purge').orderBy('id').execute()).toEqual([{ target_id: '2026-06-15' }, { target_id: '2026-06-16' }]);
  });
});
