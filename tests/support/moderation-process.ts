/**
 * The moderation service as a real child process (`node moderation/src/main.ts`), for the crash
 * tests: started on a given SQLite file, killed with SIGKILL (no cleanup at all), started again.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import Database from 'better-sqlite3';
import { collectOutput } from '../../scripts/stack/processes.ts';
import { freePort } from './ports.ts';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const MAIN = path.join(ROOT, 'moderation', 'src', 'main.ts');

export interface ModerationProcess {
  url: string;
  child: ChildProcess;
  /** Last lines the process printed (for failure messages). */
  output: string[];
  /** kill -9, then waits for the exit. */
  kill9(): Promise<void>;
  /** SIGTERM (clean stop), SIGKILL after 8 s. */
  stop(): Promise<void>;
}

const exited = (child: ChildProcess) =>
  child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise<void>((resolve) => child.once('exit', () => resolve()));

/** Starts `node moderation/src/main.ts` with `env` on `port` (a free one by default); resolves once `/health` answers. */
export async function spawnModeration(env: Record<string, string>, timeoutMs = 30_000, port?: number): Promise<ModerationProcess> {
  port ??= await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [MAIN], {
    cwd: path.join(ROOT, 'moderation'),
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NO_PROXY: '127.0.0.1,localhost',
      HUB_ADMIN_EMAIL: 'admin@bailleur.example',
      HUB_ADMIN_PASSWORD: 'Moderation2026',
      LOG_LEVEL: 'warn',
      ...env,
      PORT: String(port),
      HOST: '127.0.0.1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = collectOutput(child, { max: 100 });

  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`moderation exited (${child.exitCode ?? child.signalCode}):\n${output.slice(-30).join('\n')}`);
    try {
      const res = await fetch(`${url}/health`, { signal: AbortSignal.timeout(1000) });
      await res.body?.cancel();
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`moderation did not answer within ${timeoutMs} ms:\n${output.slice(-30).join('\n')}`);
    }
    await new Promise((r) => setTimeout(r, 25));
  }

  return {
    url,
    child,
    output,
    async kill9() {
      child.kill('SIGKILL');
      await exited(child);
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const timer = setTimeout(() => child.kill('SIGKILL'), 8000);
      child.kill('SIGTERM');
      await exited(child);
      clearTimeout(timer);
    },
  };
}

/** A read-only look at the service's SQLite file while it runs (WAL: readers do not block it). */
export function readSqlite<T>(file: string, read: (db: Database.Database) => T): T {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    return read(db);
  } finally {
    db.close();
  }
}
