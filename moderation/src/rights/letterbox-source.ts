import { readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import type { PersonalDataSource } from './service.ts';

/** One e-mail kept in the demo's letterbox, as the person is shown it. */
interface Letter {
  file: string;
  to: string;
  subject: string;
  date: string | null;
}

/** The letters sent to one of the addresses: the letterbox names each file after its recipient, the To header says it. */
async function lettersTo(folder: string, emails: string[]): Promise<Letter[]> {
  let files: string[];
  try {
    files = (await readdir(folder)).filter((name) => name.endsWith('.eml'));
  } catch {
    return []; // no letterbox: a real mail server is configured, or nothing was ever sent
  }
  const letters: Letter[] = [];
  for (const file of files.sort()) {
    const mail = await simpleParser(await readFile(path.join(folder, file)));
    const to = (Array.isArray(mail.to) ? mail.to : mail.to ? [mail.to] : []).flatMap((a) => a.value.map((v) => (v.address ?? '').toLowerCase()));
    const match = to.find((address) => emails.includes(address));
    if (match) letters.push({ file, to: match, subject: mail.subject ?? '', date: mail.date?.toISOString() ?? null });
  }
  return letters;
}

/**
 * The demo's letterbox (HUB_DATA_DIR/letterbox, written by the shared mailer when SMTP_URL is
 * empty): the e-mails the hub sent to the person, which stand for what a real mail server would
 * have carried. Erasure deletes the files.
 */
export function letterboxSource(folder: string): PersonalDataSource {
  return {
    name: 'letterbox',
    label: 'Boîte aux lettres de démonstration',
    async find(emails) {
      return { letters: await lettersTo(folder, emails) };
    },
    async erase(emails) {
      const letters = await lettersTo(folder, emails);
      await Promise.all(letters.map((letter) => rm(path.join(folder, letter.file), { force: true })));
      return { letters: letters.length };
    },
  };
}
