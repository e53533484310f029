/**
 * Moderation figures: charter evaluation on one core, ingest through the queue (charter
 * applied, events written), and the queue's page query with a million items, on SQLite and
 * PostgreSQL. BENCH_SCALE=0.1 runs a tenth of the volumes for a quick look.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { benchCharter } from '../../moderation/src/charter/bench.ts';
import { createLogger, createServices, readConfig, systemClock, type Services } from '../../moderation/src/index.ts';
import type { ItemRow } from '../../moderation/src/queue/store.ts';
import { createTempDatabase } from '../support/postgres.ts';

const SCALE = Number(process.env.BENCH_SCALE ?? 1);
const INGEST = Math.round(100_000 * SCALE);
const BIG = Math.round(1_000_000 * SCALE);
const SAMPLES = ['Merci pour la fête des voisins !', "Fuite d'eau au plafond depuis hier soir", "L'ascenseur est encore en panne", 'Quand les travaux du hall commencent-ils ?', 'C’est un scandale, personne ne répond', 'Appelez-moi au 06 12 34 56 78'];

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

async function withServices<T>(dialect: 'sqlite' | 'postgres', work: (services: Services) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'hub-bench-'));
  const database = dialect === 'postgres' ? await createTempDatabase() : null;
  const config = readConfig({ DATABASE_URL: database?.url ?? `sqlite:${path.join(dir, 'bench.db')}`, LOG_LEVEL: 'silent' });
  const services = await createServices(config, createLogger('silent'), systemClock);
  try {
    return await work(services);
  } finally {
    await services.close();
    await database?.drop();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function ingestRate(services: Services): Promise<number> {
  const started = performance.now();
  const base = Date.UTC(2026, 10, 1);
  const concurrency = 8;
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < INGEST) {
        const i = next++;
        await services.queue.ingest({
          source: i % 3 ? 'facebook_comment' : 'x_reply',
          accountId: `page-${i % 24}`,
          externalId: `e${i}`,
          authorName: `Auteur ${i % 5000}`,
          authorExternalId: `a${i % 5000}`,
          text: `${SAMPLES[i % SAMPLES.length]} (${i})`,
          createdAt: new Date(base + i * 1000),
        });
      }
    }),
  );
  return INGEST / ((performance.now() - started) / 1000);
}

/** Fills the queue with rows written directly (the ingest path is measured above). */
async function fill(services: Services, count: number) {
  const states = ['new', 'approved', 'approved', 'approved', 'held', 'hidden', 'rejected', 'answered'];
  const base = Date.UTC(2025, 0, 1);
  for (let start = 0; start < count; start += 1000) {
    const rows: ItemRow[] = [];
    for (let i = start; i < Math.min(count, start + 1000); i++) {
      const at = new Date(base + i * 30_000).toISOString();
      const id = randomUUID();
      rows.push({
        id, source: i % 3 ? 'facebook_comment' : 'x_reply', account_id: `page-${i % 24}`, external_id: `f${i}`, author_name: `Auteur ${i % 9000}`,
        author_external_id: `a${i % 9000}`, text: `${SAMPLES[i % SAMPLES.length]} (${i})`, created_at: at, ingested_at: at, updated_at: at, permalink: null,
        parent_id: null, thread_id: id, article_slug: null, worksite_slug: null, residence: null, state: states[i % states.length]!, severity: null,
        rule_ids: '[]', charter_version: 1, personal_data: '[]', request_category: null, negative_score: 0, assigned_to: null, private_details: null,
      });
    }
    await services.db.insertInto('items').values(rows).execute();
  }
  await services.items.rebuildCounts();
}

async function pageLatency(services: Services) {
  const times: number[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < 300; i++) {
    const filter = i % 3 === 0 ? { states: ['new' as const, 'held' as const] } : i % 3 === 1 ? { sources: ['x_reply' as const] } : {};
    const started = performance.now();
    const page = await services.items.page(filter, 50, i % 10 < 5 ? undefined : cursor);
    await services.items.countsByState(filter);
    times.push(performance.now() - started);
    const last = page.rows.at(-1);
    if (last) cursor = Buffer.from(`${last.created_at}|${last.id}`).toString('base64url');
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p99: percentile(times, 99) };
}

async function main() {
  console.log('\nModération — charte (un cœur)');
  for (const [terms, patterns] of [[200, 5], [2000, 50]] as const) {
    const { itemsPerSecond } = benchCharter({ terms, patterns, items: 20_000 });
    console.log(`  ${String(terms).padStart(5)} termes, ${String(patterns).padStart(2)} motifs : ${itemsPerSecond.toLocaleString('fr-FR')} éléments/s`);
  }
  for (const dialect of ['sqlite', 'postgres'] as const) {
    const rate = await withServices(dialect, ingestRate);
    console.log(`\nModération — ${dialect}\n  ingestion de ${INGEST.toLocaleString('fr-FR')} éléments (charte + journal) : ${Math.round(rate).toLocaleString('fr-FR')} éléments/s`);
    const latency = await withServices(dialect, async (services) => {
      await fill(services, BIG);
      return pageLatency(services);
    });
    console.log(`  page de la file (50 éléments + compteurs) sur ${BIG.toLocaleString('fr-FR')} éléments : p50 ${latency.p50.toFixed(1)} ms, p99 ${latency.p99.toFixed(1)} ms`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
