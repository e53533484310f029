import { readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';

/**
 * The demo letterbox (HUB_DATA_DIR/letterbox: the e-mails the hub would have sent when no
 * SMTP_URL is set) holds on-call alerts and tenants' e-mails: each file goes once it is older than
 * `before`. Returns how many went; no folder, nothing to do.
 */
export function purgeLetterbox(folder: string, before: Date): number {
  let names: string[];
  try {
    names = readdirSync(folder).filter((name) => name.endsWith('.eml'));
  } catch {
    return 0;
  }
  let purged = 0;
  for (const name of names) {
    const file = path.join(folder, name);
    if (statSync(file).mtime < before) {
      rmSync(file, { force: true });
      purged++;
    }
  }
  return purged;
}
