/**
 * Crisis procedure figures: (1) time from ingest to the on-call e-mail at a real SMTP peer, on a
 * Saturday night, for alerts on distinct Pages; (2) the spike detector's cost per negative item
 * while 100,000 negative items sit in the window of one scope, on SQLite and PostgreSQL.
 * BENCH_SCALE=0.1 runs a tenth of the volumes for a quick look.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { migrate, openDatabase } from '../../moderation/src/db/database.ts';
import { countNegative } from '../../moderation/src/escalation/store.ts';
import { startModeration } from '../support/moderation.ts';
import { createTempDatabase } from '../support/postgres.ts';
import { startSmtpSink } from '../support/smtp.ts';

const SCALE = Number(process.env.BENCH_SCALE ?? 1);
const ALERTS = 30;
const WINDOW_ITEMS = Math.round(100_000 * SCALE);

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

async function ingestToEmail() {
  const sink = await startSmtpSink();
  const started = Date.now();
  const saturdayNight = Date.parse('2026-11-28T22:00:00Z');
  const mod = await startModeration({
    clock: () => new Date(saturdayNight + (Date.now() - started)),
    env: { SMTP_URL: sink.url, ONCALL_ROSTER: JSON.stringify([{ level: 1, name: 'Julie Martin', email: 'astreinte@bailleur.example' }]) },
  });
  const latencies: number[] = [];
  try {
    for (let i = 0; i < ALERTS; i++) {
      const t0 = performance.now();
      await mod.services.queue.ingest({
        source: 'facebook_comment',
        accountId: `page-${i}`,
        externalId: `c${i}`,
        authorName: `Locataire ${i}`,
        authorExternalId: `u${i}`,
        text: 'Odeur de gaz très forte dans la cage d’escalier du bâtiment C, c’est dangereux !',
        createdAt: new Date(saturdayNight + (Date.now() - started)),
      });
      await sink.waitFor(i + 1, 'astreinte@bailleur.example', 60_000);
      latencies.push(performance.now() - t0);
    }
  } finally {
    await mod.stop();
    await sink.close();
  }
  latencies.sort((a, b) => a - b);
  console.log(`ingest → on-call e-mail (SQLite, outbox poll 1 s, woken at once), ${ALERTS} alerts: p50 ${percentile(latencies, 50).toFixed(0)} ms, p95 ${percentile(latencies, 95).toFixed(0)} ms, max ${latencies.at(-1)!.toFixed(0)} ms`);
}

async function spikeCost(dialect: 'sqlite' | 'postgres') {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'hub-bench-'));
  const database = dialect === 'postgres' ? await createTempDatabase() : null;
  const { db } = openDatabase(database?.url ?? `sqlite:${path.join(dir, 'bench.db')}`);
  await migrate(db, dialect, new Date());
  try {
    // 100,000 negative items on one Page within ten minutes: each is counted, then the window summed.
    const start = Date.parse('2026-11-28T22:00:00Z');
    const spacing = (10 * 60_000) / WINDOW_ITEMS;
    const firstK: number[] = [];
    const lastK: number[] = [];
    let total = 0;
    const t0 = performance.now();
    for (let i = 0; i < WINDOW_ITEMS; i++) {
      const a = performance.now();
      total = await countNegative(db, 'account:facebook:1001', new Date(start + i * spacing), 10);
      const cost = performance.now() - a;
      if (i < 1000) firstK.push(cost);
      if (i >= WINDOW_ITEMS - 1000) lastK.push(cost);
    }
    const elapsed = performance.now() - t0;
    const mean = (list: number[]) => ((list.reduce((s, x) => s + x, 0) / list.length) * 1000).toFixed(0);
    console.log(
      `spike detector (${dialect}): ${WINDOW_ITEMS.toLocaleString('en')} negative items in the window (count at the end: ${total.toLocaleString('en')}), ${((elapsed / WINDOW_ITEMS) * 1000).toFixed(0)} µs per item on average; first 1,000 items ${mean(firstK)} µs, last 1,000 ${mean(lastK)} µs`,
    );
  } finally {
    await db.destroy();
    await database?.drop();
    rmSync(dir, { recursive: true, force: true });
  }
}

await ingestToEmail();
await spikeCost('sqlite');
await spikeCost('postgres');
