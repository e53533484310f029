import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from './paths.ts';

interface BuildTarget {
  name: string;
  dir: string;
  /** Files and folders whose content decides whether the build is stale. */
  inputs: string[];
  output: string;
}

const TARGETS: BuildTarget[] = [
  { name: 'cms', dir: 'cms', inputs: ['src', 'config', 'package.json', 'tsconfig.json'], output: 'dist' },
  { name: 'site', dir: 'site', inputs: ['src', 'public', 'astro.config.mjs', 'package.json'], output: 'dist' },
];

function* files(entry: string): Generator<string> {
  if (!existsSync(entry)) return;
  if (statSync(entry).isDirectory()) {
    for (const child of readdirSync(entry).sort()) yield* files(path.join(entry, child));
  } else {
    yield entry;
  }
}

function fingerprint(target: BuildTarget): string {
  const hash = createHash('sha256');
  for (const input of target.inputs) {
    for (const file of files(path.join(ROOT, target.dir, input))) {
      hash.update(path.relative(ROOT, file)).update(readFileSync(file));
    }
  }
  return hash.digest('hex');
}

const LOCK = path.join(ROOT, 'data', '.build-lock');
const STALE_LOCK_MS = 5 * 60_000;

/** Two test runs started together must not build into the same folder at once. */
function withBuildLock(run: () => void): void {
  mkdirSync(path.dirname(LOCK), { recursive: true });
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch {
      const held = statSync(LOCK, { throwIfNoEntry: false });
      if (held && Date.now() - held.mtimeMs > STALE_LOCK_MS) rmSync(LOCK, { recursive: true, force: true });
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 500);
    }
  }
  try {
    run();
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

/** Builds the CMS and the site when their sources changed since the last build. */
export function ensureBuilt(log: (line: string) => void = console.log): void {
  withBuildLock(() => buildStale(log));
}

function buildStale(log: (line: string) => void): void {
  for (const target of TARGETS) {
    const stamp = path.join(ROOT, target.dir, target.output, '.hub-build');
    const wanted = fingerprint(target);
    if (existsSync(stamp) && readFileSync(stamp, 'utf8') === wanted) continue;
    log(`Construction de ${target.name}…`);
    const result = spawnSync('npm', ['run', 'build', '-w', target.dir], { cwd: ROOT, stdio: 'inherit' });
    if (result.status !== 0) throw new Error(`la construction de ${target.name} a échoué`);
    writeFileSync(stamp, wanted);
  }
}
