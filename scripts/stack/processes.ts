import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { ROOT } from './paths.ts';
import { waitForHttp } from './wait.ts';

export interface RunningProcess {
  name: string;
  url: string;
  child: ChildProcess;
  /** Last lines the process printed, for error reports. */
  output: string[];
  stop(): Promise<void>;
}

interface StartOptions {
  name: string;
  command: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  url: string;
  readyPath: string;
  /** Called with each output line; by default lines are only kept in memory. */
  onLine?: (line: string) => void;
  timeoutMs?: number;
}

function stopChild(child: ChildProcess, graceMs = 8000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** The last `max` lines a child printed (stdout and stderr), each also handed to `onLine`. */
export function collectOutput(child: ChildProcess, { max, onLine }: { max: number; onLine?: (line: string) => void }): string[] {
  const output: string[] = [];
  const keep = (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n')) {
      if (!line.trim()) continue;
      output.push(line);
      if (output.length > max) output.shift();
      onLine?.(line);
    }
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  return output;
}

async function startProcess(options: StartOptions): Promise<RunningProcess> {
  const [command, ...args] = options.command;
  const child = spawn(command!, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
  const output = collectOutput(child, { max: 200, onLine: options.onLine });
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code) => reject(new Error(`${options.name} exited (${code}):\n${output.slice(-30).join('\n')}`))),
  );
  exited.catch(() => undefined);
  await Promise.race([waitForHttp(options.url + options.readyPath, options.timeoutMs ?? 90_000), exited]);
  return { name: options.name, url: options.url, child, output, stop: () => stopChild(child) };
}

const require = createRequire(import.meta.url);

export type HubUnit = 'cms' | 'site' | 'moderation';

/** How one process of the hub is started: `npm start` and `npm run start:<unit>` share it. */
export interface UnitCommand {
  command: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** What answers once the process is up (`/ready` checks its database, and the CMS for the site). */
  readyPath: string;
  /** What must exist before it starts: `npm run build` makes it. */
  built: string | null;
}

export function unitCommand(unit: HubUnit, port: number, env: NodeJS.ProcessEnv): UnitCommand {
  switch (unit) {
    case 'cms': {
      const strapiBin = path.join(path.dirname(require.resolve('@strapi/strapi/package.json')), 'bin', 'strapi.js');
      return {
        command: [process.execPath, strapiBin, 'start'],
        cwd: path.join(ROOT, 'cms'),
        env: { ...env, HOST: env.CMS_HOST ?? '127.0.0.1', PORT: String(port), NODE_ENV: 'production', STRAPI_TELEMETRY_DISABLED: 'true' },
        readyPath: '/_health',
        built: path.join(ROOT, 'cms', 'dist', 'src', 'index.js'),
      };
    }
    case 'site':
      return {
        command: [process.execPath, path.join(ROOT, 'site', 'server.ts')],
        cwd: path.join(ROOT, 'site'),
        env: { ...env, HOST: env.SITE_HOST ?? '127.0.0.1', PORT: String(port), NODE_ENV: 'production', ASTRO_TELEMETRY_DISABLED: '1' },
        readyPath: '/robots.txt',
        built: path.join(ROOT, 'site', 'dist', 'server', 'entry.mjs'),
      };
    case 'moderation':
      return {
        command: [process.execPath, path.join(ROOT, 'moderation', 'src', 'main.ts')],
        cwd: path.join(ROOT, 'moderation'),
        env: { ...env, PORT: String(port), NODE_ENV: 'production' },
        readyPath: '/health',
        built: null,
      };
  }
}

interface UnitOptions {
  port: number;
  env: NodeJS.ProcessEnv;
  onLine?: (line: string) => void;
}

function startUnit(name: HubUnit, { port, env, onLine }: UnitOptions): Promise<RunningProcess> {
  const unit = unitCommand(name, port, env);
  return startProcess({ name, command: unit.command, cwd: unit.cwd, env: unit.env, url: `http://127.0.0.1:${port}`, readyPath: unit.readyPath, onLine });
}

export type CmsOptions = UnitOptions;
export type SiteOptions = UnitOptions;
export type ModerationOptions = UnitOptions;

/** Starts the built Strapi CMS (`strapi start`) and waits until it answers. */
export const startCms = (options: CmsOptions) => startUnit('cms', options);
/** Starts the built Astro site (its handler under site/server.ts) and waits until it answers. */
export const startSite = (options: SiteOptions) => startUnit('site', options);
/** Starts the moderation service (API, console) and waits until it answers. */
export const startModerationService = (options: ModerationOptions) => startUnit('moderation', options);
