import { mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { purgeLetterbox } from './letterbox.ts';

const DAY_MS = 86_400_000;
const TODAY = new Date('2026-12-08T03:00:00Z');
let dir = '';
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('the demo letterbox', () => {
  it('forgets the e-mails older than the period and keeps the others', () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'hub-letterbox-'));
    const mail = (name: string, daysAgo: number) => {
      const file = path.join(dir, name);
      writeFileSync(file, 'To: julie.martin@bailleur.example\n\nAlerte');
      const at = new Date(TODAY.getTime() - daysAgo * DAY_MS);
      utimesSync(file, at, at);
    };
    mail('2025-10-01-julie.martin@bailleur.example.eml', 400);
    mail('2026-11-28-julie.martin@bailleur.example.eml', 10);
    writeFileSync(path.join(dir, 'LISEZMOI.txt'), 'pas un e-mail');
    expect(purgeLetterbox(dir, new Date(TODAY.getTime() - 365 * DAY_MS))).toBe(1);
    expect(readdirSync(dir).sort()).toEqual(['2026-11-28-julie.martin@bailleur.example.eml', 'LISEZMOI.txt']);
  });

  it('does nothing without a letterbox', () => {
    dir = path.join(os.tmpdir(), 'hub-no-letterbox-here');
    expect(purgeLetterbox(dir, TODAY)).toBe(0);
  });
});
