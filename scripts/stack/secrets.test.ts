import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadOrCreateSecrets } from './secrets.ts';

const mode = (file: string) => statSync(file).mode & 0o777;

describe('loadOrCreateSecrets and the data folder', () => {
  let root = '';
  let umask = 0;
  beforeEach(() => {
    root = mkdtempSync(path.join(os.tmpdir(), 'hub-secrets-'));
    umask = process.umask(0o022); // the usual default: what the folder got before
  });
  afterEach(() => {
    process.umask(umask);
    rmSync(root, { recursive: true, force: true });
  });

  it('creates HUB_DATA_DIR with mode 0700 and hub.env with mode 0600', () => {
    const dir = path.join(root, 'nested', 'data');
    loadOrCreateSecrets(dir);
    expect(mode(dir)).toBe(0o700);
    expect(mode(path.join(dir, 'hub.env'))).toBe(0o600);
  });

  it('takes group and other permissions away from an existing folder and hub.env', () => {
    const dir = path.join(root, 'data');
    mkdirSync(dir, { mode: 0o755 });
    chmodSync(dir, 0o755);
    const first = loadOrCreateSecrets(dir);
    chmodSync(path.join(dir, 'hub.env'), 0o644);
    chmodSync(dir, 0o755);
    expect(loadOrCreateSecrets(dir)).toEqual(first);
    expect(mode(dir)).toBe(0o700);
    expect(mode(path.join(dir, 'hub.env'))).toBe(0o600);
  });

  it('keeps hub.env at 0600 when it is rewritten to add a missing key', () => {
    const dir = path.join(root, 'data');
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'hub.env'), 'JWT_SECRET=kept\n', { mode: 0o644 });
    chmodSync(path.join(dir, 'hub.env'), 0o644);
    expect(loadOrCreateSecrets(dir).JWT_SECRET).toBe('kept');
    expect(mode(path.join(dir, 'hub.env'))).toBe(0o600);
  });
});
