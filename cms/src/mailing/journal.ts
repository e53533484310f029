import fs from 'node:fs';
import path from 'node:path';

/**
 * The « sent » mark that cannot wait. When the SMTP server accepts a message, the row id is
 * appended to a file of this process with one synchronous write() in the same tick as the
 * server's answer, before anything else runs; the database row is marked right after. A process
 * killed between the two (SIGKILL, OOM) leaves the id in the file, and the next start applies it
 * to the database before sending anything: the row is not sent twice.
 *
 * No fsync: a write() survives the death of the process (the kernel holds the page), not a power
 * cut. One file per process (`sent-<pid>.log`), emptied whenever no message is in flight.
 */
export interface SentJournal {
  record(rowId: number): void;
  /** The server refused a message already noted (at hand-over): the note no longer stands. */
  cancel(rowId: number): void;
  /** Nothing in flight any more: every recorded row has its database mark. */
  reset(): void;
  close(): void;
}

const FILE = /^sent-(\d+)\.log$/;

export function openSentJournal(folder: string): SentJournal {
  fs.mkdirSync(folder, { recursive: true });
  const file = path.join(folder, `sent-${process.pid}.log`);
  const fd = fs.openSync(file, 'w');
  let dirty = false;
  return {
    record(rowId) {
      fs.writeSync(fd, `${rowId}\n`);
      dirty = true;
    },
    cancel(rowId) {
      fs.writeSync(fd, `-${rowId}\n`);
      dirty = true;
    },
    reset() {
      if (!dirty) return;
      fs.ftruncateSync(fd, 0);
      dirty = false;
    },
    close() {
      fs.closeSync(fd);
      fs.rmSync(file, { force: true });
    },
  };
}

function alive(pid: number): boolean {
  // Read before this process opens its own file: one under our pid is a previous process's
  // (containers often give the same pid at every start).
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * The row ids left by processes that are gone, and a function to delete their files once the
 * ids are safely in the database. Files of live processes (another CMS on this machine) are left
 * alone. To be called before `openSentJournal`.
 */
export function leftoverSentIds(folder: string, options: { sharedFolder?: boolean } = {}): { ids: number[]; discard(): void } {
  if (!fs.existsSync(folder)) return { ids: [], discard() {} };
  // Alone on the data (SQLite: one CMS process), every file is a dead process's, whatever its pid
  // has become since (pids are reused). Shared by live instances (PostgreSQL), theirs are skipped.
  const files = fs
    .readdirSync(folder)
    .map((name) => ({ name, pid: Number(FILE.exec(name)?.[1] ?? NaN) }))
    .filter((f) => Number.isInteger(f.pid) && (!options.sharedFolder || !alive(f.pid)))
    .map((f) => path.join(folder, f.name));
  const ids = new Set<number>();
  for (const file of files) {
    for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
      const id = Number(line);
      if (!line || !Number.isSafeInteger(id)) continue;
      if (id > 0) ids.add(id);
      else ids.delete(-id);
    }
  }
  return { ids: [...ids], discard: () => files.forEach((f) => fs.rmSync(f, { force: true })) };
}
