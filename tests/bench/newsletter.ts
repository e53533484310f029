/**
 * Newsletter sending figures: 10,000 active subscribers, one newsletter sent by the real CMS
 * (built Strapi, SQLite) through SMTP to a local sink that only counts (smtp-server, in this
 * process). Prints the messages per second from the click « Envoyer » to the last message
 * accepted, and the CMS process's resident memory (VmRSS before, VmHWM peak) from /proc.
 * The configured rate is lifted so the figure is the sender's own ceiling.
 * BENCH_SCALE=0.1 sends 1,000.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import knexFactory from 'knex';
import { ensureBuilt } from '../../scripts/stack/build.ts';
import { readHubConfig } from '../../scripts/stack/hub-config.ts';
import { processEnvironments } from '../../scripts/stack/hub-env.ts';
import { startCms } from '../../scripts/stack/processes.ts';
import { loadOrCreateSecrets } from '../../scripts/stack/secrets.ts';
import { addSubscribers, adminSession, panel, publishedNewsletter } from '../newsletters/helpers.ts';
import type { TestHub } from '../support/hub.ts';
import { freePort } from '../support/ports.ts';
import { startSmtpSink } from '../support/smtp.ts';
import { eventually } from '../support/wait.ts';

const SCALE = Number(process.env.BENCH_SCALE ?? 1);
const SUBSCRIBERS = Math.max(100, Math.round(10_000 * SCALE));
const CONNECTIONS = Number(process.env.BENCH_SMTP_CONNECTIONS ?? 4);

const fr = (n: number, digits = 0) => n.toLocaleString('fr-FR', { maximumFractionDigits: digits, minimumFractionDigits: digits });

/** kB figures of /proc/<pid>/status, in MB. */
function memory(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}

async function main() {
  ensureBuilt();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'hub-bench-'));
  const sink = await startSmtpSink({ countOnly: true });
  const port = await freePort();
  const config = readHubConfig({ HUB_DATA_DIR: dataDir, CMS_PORT: String(port) });
  const secrets = loadOrCreateSecrets(dataDir);
  const env = processEnvironments(config, secrets).cms;
  const cms = await startCms({
    port,
    env: { ...env, ...(process.env.BENCH_CMS_NODE_OPTIONS ? { NODE_OPTIONS: process.env.BENCH_CMS_NODE_OPTIONS } : {}), SITE_REVALIDATE_URL: '', MODERATION_PUBLISH_URL: '', SMTP_URL: sink.url, NEWSLETTER_RATE_PER_SECOND: '10000', NEWSLETTER_SMTP_CONNECTIONS: String(CONNECTIONS) },
  });
  const db = knexFactory({ client: 'better-sqlite3', connection: { filename: path.join(dataDir, 'cms.db') }, useNullAsDefault: true });
  try {
    // What the helpers need of a hub: the CMS and its admin.
    const hub = { cmsUrl: `http://127.0.0.1:${port}`, adminEmail: config.HUB_ADMIN_EMAIL, secrets } as TestHub;
    await addSubscribers(db, { count: SUBSCRIBERS, prefix: 'locataire' });
    const newsletter = await publishedNewsletter(hub, 'Lettre du banc de mesure');
    const jwt = await adminSession(hub);
    const before = memory(cms.child.pid!);
    const started = performance.now();
    const res = await panel(hub, jwt, 'POST', `${newsletter.documentId}/send`);
    if (res.status !== 202) throw new Error(`send refused: ${res.status} ${JSON.stringify(res.body)}`);
    let firstAt = 0;
    let peakRss = before.rss;
    await eventually(async () => {
      if (!firstAt && sink.count > 0) firstAt = performance.now();
      peakRss = Math.max(peakRss, memory(cms.child.pid!).rss);
      return sink.count >= SUBSCRIBERS ? true : undefined;
    }, 30 * 60_000, 20);
    const seconds = (performance.now() - started) / 1000;
    const after = memory(cms.child.pid!);
    const duplicates = [...sink.perRecipient.values()].filter((n) => n > 1).length;
    console.log(`\nEnvoi d’une lettre à ${fr(SUBSCRIBERS)} abonnés (CMS Strapi + SQLite, SMTP local, ${CONNECTIONS} connexions, ${os.cpus().length} cœurs)`);
    console.log(`  débit                 ${fr(SUBSCRIBERS / seconds, 1)} messages/s (${fr(seconds, 1)} s du clic au dernier message accepté)`);
    console.log(`  premier message       ${fr(firstAt - started)} ms après le clic`);
    console.log(`  mémoire du CMS        ${fr(before.rss)} Mo avant l’envoi, ${fr(peakRss)} Mo au plus pendant (VmRSS), pic du processus ${fr(after.peak)} Mo (VmHWM)`);
    console.log(`  copies en double      ${duplicates}`);
  } finally {
    await db.destroy();
    await cms.stop();
    await sink.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
