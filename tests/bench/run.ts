/** `npm run bench`: every benchmark, one after the other (each prints its own figures). */
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const only = process.argv[2];
for (const name of ['charter', 'site', 'moderation', 'social', 'landlord', 'escalation', 'newsletter']) {
  if (only && only !== name) continue;
  const result = spawnSync(process.execPath, [path.join(import.meta.dirname, `${name}.ts`)], { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
