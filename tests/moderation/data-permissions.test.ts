/**
 * A fresh start of the moderation service (`node moderation/src/main.ts`, as the launcher runs
 * it) leaves nothing readable by the group or others in its data folder: the folder is 0700, the
 * SQLite files (database, WAL, shared memory) 0600, whatever the umask it was started with.
 */
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { consoleClient } from '../support/moderation.ts';
import { spawnModeration } from '../support/moderation-process.ts';

function walk(dir: string): string[] {
  return [dir, ...readdirSync(dir).flatMap((name) => (statSync(path.join(dir, name)).isDirectory() ? walk(path.join(dir, name)) : [path.join(dir, name)]))];
}

describe('data folder permissions', () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'hub-perms-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('a fresh start leaves no group or other permission bits on the data folder and its files', async () => {
    const dir = path.join(root, 'data');
    const previous = process.umask(0o022); // the child inherits it: the usual default
    let mod;
    try {
      mod = await spawnModeration({ HUB_DATA_DIR: dir, HUB_ADMIN_PASSWORD: 'Moderation2026' });
    } finally {
      process.umask(previous);
    }
    try {
      // Something written: a session (the database and its WAL).
      const login = await consoleClient(mod.url).login('admin@bailleur.example', 'Moderation2026');
      expect(login.errors).toBeUndefined();
    } finally {
      await mod.stop();
    }
    const entries = walk(dir);
    expect(entries.map((e) => path.basename(e))).toContain('moderation.db');
    for (const entry of entries) {
      const mode = statSync(entry).mode & 0o777;
      expect(mode & 0o077, `${path.relative(root, entry)}: ${mode.toString(8)}`).toBe(0);
    }
    expect(statSync(dir).mode & 0o777).toBe(0o700);
  });
});
