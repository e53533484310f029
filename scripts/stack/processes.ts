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

export interface CmsOptions {
  port: number;
  env: NodeJS.ProcessEnv;
  onLine?: (line: string) => void;
}

/** Starts the built Strapi CMS (`strapi start`) and waits until it answers. */
export function startCms({ port, env, onLine }: CmsOptions): Promise<RunningProcess> {
  const strapiBin = path.join(path.dirname(require.resolve('@strapi/strapi/package.json')), 'bin', 'strapi.js');
  return startProcess({
    name: 'cms',
    command: [process.execPath, strapiBin, 'start'],
    cwd: path.join(ROOT, 'cms'),
    env: { ...env, HOST: env.CMS_HOST ?? '127.0.0.1', PORT: String(port), NODE_ENV: 'production', STRAPI_TELEMETRY_DISABLED: 'true' },
    url: `http://127.0.0.1:${port}`,
    readyPath: '/_health',
    onLine,
  });
}

export interface SiteOptions {
  port: number;
  env: NodeJS.ProcessEnv;
  onLine?: (line: string) => void;
}

/** Starts the built Astro site (its handler under site/server.ts) and waits until it answers. */
export function startSite({ port, env, onLine }: SiteOptions): Promise<RunningProcess> {
  return startProcess({
    name: 'site',
    command: [process.execPath, path.join(ROOT, 'site', 'server.ts')],
    cwd: path.join(ROOT, 'site'),
    env: { ...env, HOST: env.SITE_HOST ?? '127.0.0.1', PORT: String(port), NODE_ENV: 'production', ASTRO_TELEMETRY_DISABLED: '1' },
    url: `http://127.0.0.1:${port}`,
    readyPath: '/robots.txt',
    onLine,
  });
}

export interface ModerationOptions {
  port: number;
  env: NodeJS.ProcessEnv;
  onLine?: (line: string) => void;
}

/** Starts the moderation service (API, console) and waits until it answers. */
export function startModerationService({ port, env, onLine }: ModerationOptions): Promise<RunningProcess> {
  return startProcess({
    name: 'moderation',
    command: [process.execPath, path.join(ROOT, 'moderation', 'src', 'main.ts')],
    cwd: path.join(ROOT, 'moderation'),
    env: { ...env, PORT: String(port), NODE_ENV: 'production' },
    url: `http://127.0.0.1:${port}`,
    readyPath: '/health',
    onLine,
  });
}
