import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadOrCreateSecrets } from '../../scripts/stack/secrets.ts';
import { freePort } from '../support/ports.ts';
import { eventually } from '../support/wait.ts';

/**
 * `npm run start:cms`, `start:site`, `start:moderation` as a process manager runs them: three
 * processes started on their own from the hub.env that `npm start` wrote, which they read and
 * never write; each answers /health and /ready, they form one hub, and SIGTERM ends each with 0.
 */
const ROOT = path.resolve(import.meta.dirname, '..', '..');
const START_UNIT = path.join(ROOT, 'scripts', 'start-unit.ts');
let dataDir: string;
let ports: Record<'CMS_PORT' | 'SITE_PORT' | 'MODERATION_PORT', string>;
const units = new Map<string, { child: ChildProcess; output: string[] }>();

function startUnit(unit: string, env: Record<string, string> = {}) {
  const child = spawn(process.execPath, [START_UNIT, unit], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, NO_PROXY: '127.0.0.1,localhost', HUB_DATA_DIR: dataDir, ...ports, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  child.stdout!.on('data', (c: Buffer) => output.push(c.toString()));
  child.stderr!.on('data', (c: Buffer) => output.push(c.toString()));
  units.set(unit, { child, output });
  return { child, output };
}

async function ready(port: string) {
  return eventually(async () => {
    const res = await fetch(`http://127.0.0.1:${port}/ready`).catch(() => null);
    if (!res || res.status !== 200) return undefined;
    return (await res.json()) as Record<string, unknown>;
  }, 120_000, 250);
}

const exitOf = (child: ChildProcess) => new Promise<number | null>((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.once('exit', (code) => resolve(code))));

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'hub-units-'));
  ports = { CMS_PORT: String(await freePort()), SITE_PORT: String(await freePort()), MODERATION_PORT: String(await freePort()) };
}, 30_000);

afterAll(async () => {
  for (const { child } of units.values()) if (child.exitCode === null) child.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

describe('one process per unit', () => {
  it('refuses to start without the hub’s secrets, naming what is missing, in French', async () => {
    const { child, output } = startUnit('moderation');
    expect(await exitOf(child)).toBe(1);
    expect(output.join('')).toContain('Secrets manquants : ');
    expect(output.join('')).toContain('MODERATION_SITE_TOKEN');
  });

  it('starts the CMS, the site and moderation from hub.env, as one hub, without touching the file', async () => {
    loadOrCreateSecrets(dataDir);
    const hubEnv = path.join(dataDir, 'hub.env');
    const before = { text: readFileSync(hubEnv, 'utf8'), mtime: statSync(hubEnv).mtimeMs };
    startUnit('cms');
    expect((await ready(ports.CMS_PORT)).value).toEqual({ ok: true });
    startUnit('moderation', { LOG_LEVEL: 'debug' });
    startUnit('site');
    expect((await ready(ports.MODERATION_PORT)).value).toEqual({ ok: true, roles: { api: true, workers: true } });
    expect((await ready(ports.SITE_PORT)).value).toEqual({ ok: true });
    for (const port of Object.values(ports)) expect((await fetch(`http://127.0.0.1:${port}/health`)).status).toBe(200);

    // One hub: the site reads the CMS's content with hub.env's token and hands a contact message to moderation with its own.
    const home = await fetch(`http://127.0.0.1:${ports.SITE_PORT}/`);
    expect(home.status).toBe(200);
    expect((await fetch(`http://127.0.0.1:${ports.SITE_PORT}/`)).headers.get('x-cache')).toBe('HIT');
    const site = `http://127.0.0.1:${ports.SITE_PORT}`;
    const sent = await fetch(`${site}/contact`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: site, 'x-request-id': 'visite-0001abcd' },
      body: new URLSearchParams({ nom: 'Nadia', coordonnees: 'nadia@exemple.fr', objet: 'Autre', message: 'Bonjour, une question sur mon bail.', consentement: 'oui' }).toString(),
    });
    expect(await sent.text()).toContain('Merci, votre message a bien été transmis');
    // The proxy's request id comes back, and moderation's log line for the site's call carries it.
    expect(sent.headers.get('x-request-id')).toBe('visite-0001abcd');
    const logged = await eventually(async () => units.get('moderation')!.output.join('').split('\n').find((l) => l.includes('"reqId":"visite-0001abcd"')), 5_000);
    expect(JSON.parse(logged.value)).toMatchObject({ reqId: 'visite-0001abcd', method: 'POST', route: '/public/contact', status: 201, msg: 'request' });
    expect({ text: readFileSync(hubEnv, 'utf8'), mtime: statSync(hubEnv).mtimeMs }).toEqual(before);

    // Prometheus reads each process from the landlord's network (loopback here).
    const metrics = async (port: string) => (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    const moderation = await metrics(ports.MODERATION_PORT);
    expect(moderation).toMatch(/hub_queue_items\{state="[a-z]+",source="site_contact",unit="moderation"\} 1/);
    expect(moderation).toContain('hub_http_request_duration_seconds_count{unit="moderation",method="POST",route="/public/contact",status="201"} 1');
    expect(moderation).toMatch(/hub_queue_oldest_waiting_seconds\{unit="moderation"\} [\d.]+/);
    const siteMetrics = await metrics(ports.SITE_PORT);
    expect(siteMetrics).toContain('hub_http_request_duration_seconds_count{unit="site",method="POST",route="/contact",status="200"} 1');
    expect(siteMetrics).toContain('hub_page_cache_total{result="MISS",unit="site"} 1');
    expect(siteMetrics).toContain('hub_page_cache_total{result="HIT",unit="site"} 1');
    const cmsMetrics = await metrics(ports.CMS_PORT);
    expect(cmsMetrics).toMatch(/process_resident_memory_bytes\{unit="cms"\} \d+/);
    expect(cmsMetrics).toMatch(/hub_http_request_duration_seconds_count\{unit="cms",method="GET",route="[^"]+",status="200"\} \d+/);
  }, 200_000);

  it('the site is alive but not ready while the CMS is down', async () => {
    const cms = units.get('cms')!.child;
    cms.kill('SIGTERM');
    expect(await exitOf(cms)).toBe(0);
    const res = await fetch(`http://127.0.0.1:${ports.SITE_PORT}/ready`);
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ ok: false, problem: 'CMS injoignable' });
    expect((await fetch(`http://127.0.0.1:${ports.SITE_PORT}/health`)).status).toBe(200);
  }, 30_000);

  it('ends each process on SIGTERM with exit code 0', async () => {
    for (const unit of ['site', 'moderation']) {
      const { child } = units.get(unit)!;
      child.kill('SIGTERM');
      expect(await exitOf(child)).toBe(0);
    }
  }, 30_000);
});

describe('the Node check', () => {
  it('says in French which Node is needed, which one is there and how to get it, before anything runs', () => {
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', `Object.defineProperty(process, 'versions', { value: { ...process.versions, node: '20.11.1' } }); await import(${JSON.stringify(path.join(ROOT, 'scripts', 'check-node.mjs'))});`], { encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('Le hub demande Node 22.18 ou plus récent (Node 24 LTS recommandé) ; cette machine a Node 20.11.1.');
    expect(run.stderr).toContain('nvm install');
    const current = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'check-node.mjs')], { encoding: 'utf8' });
    expect(current.status).toBe(0);
  });

  it('is what npm start and every start:* run first, and npm refuses to install on an older Node', () => {
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string>; engines: { node: string } };
    for (const name of ['start', 'start:cms', 'start:site', 'start:moderation']) expect(pkg.scripts[name]).toMatch(/^node scripts\/check-node\.mjs && /);
    expect(pkg.engines.node).toBe('>=22.18');
    expect(readFileSync(path.join(ROOT, '.npmrc'), 'utf8')).toContain('engine-strict=true');
  });
});
