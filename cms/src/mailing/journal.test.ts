import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { leftoverSentIds, openSentJournal } from './journal';

const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'journal-'));
afterEach(() => fs.rmSync(folder, { recursive: true, force: true }));

describe('sent journal', () => {
  it('gives back the ids a dead process recorded, not those of a live one', () => {
    fs.mkdirSync(folder, { recursive: true });
    // A process id that cannot be alive.
    fs.writeFileSync(path.join(folder, 'sent-999999999.log'), '12\n13\n\n13\n');
    // A previous process that had the same pid (containers).
    fs.writeFileSync(path.join(folder, `sent-${process.pid}.log`), '7\n');
    // A live process (this test's parent).
    fs.writeFileSync(path.join(folder, `sent-${process.ppid}.log`), '99\n');
    const left = leftoverSentIds(folder, { sharedFolder: true });
    expect(left.ids.sort((a, b) => a - b)).toEqual([7, 12, 13]);
    left.discard();
    expect(fs.readdirSync(folder)).toEqual([`sent-${process.ppid}.log`]);
    const mine = openSentJournal(folder);
    mine.record(40);
    mine.reset();
    expect(fs.readFileSync(path.join(folder, `sent-${process.pid}.log`), 'utf8')).toBe('');
    mine.close();
    expect(fs.readdirSync(folder)).toEqual([`sent-${process.ppid}.log`]);
  });

  it('reads every file when the folder is not shared (one CMS process on SQLite: pids get reused)', () => {
    fs.mkdirSync(folder, { recursive: true });
    fs.writeFileSync(path.join(folder, `sent-${process.ppid}.log`), '5\n');
    expect(leftoverSentIds(folder).ids).toEqual([5]);
  });

  it('drops an id whose message the server refused after the hand-over', () => {
    fs.mkdirSync(folder, { recursive: true });
    fs.writeFileSync(path.join(folder, 'sent-999999998.log'), '21\n22\n-21\n23\n');
    expect(leftoverSentIds(folder).ids.sort((a, b) => a - b)).toEqual([22, 23]);
  });
});
