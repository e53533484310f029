/**
 * `npm run start:cms`, `start:site`, `start:moderation`: one process of the hub in production, in
 * the foreground, for a process manager (systemd, a container) to supervise. The same variables as
 * `npm start`; secrets from the environment, `<KEY>_FILE`, or `HUB_DATA_DIR/hub.env` when it
 * exists (read, never written). No build here: `npm run build` first. SIGTERM and SIGINT go to
 * the process, which finishes the work in hand; its exit code is this command's.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readHubConfig } from './stack/hub-config.ts';
import { processEnvironments } from './stack/hub-env.ts';
import { unitCommand, type HubUnit } from './stack/processes.ts';
import { readSecrets } from './stack/secrets.ts';

const UNITS: Record<HubUnit, 'CMS_PORT' | 'SITE_PORT' | 'MODERATION_PORT'> = { cms: 'CMS_PORT', site: 'SITE_PORT', moderation: 'MODERATION_PORT' };
/** The address each listens on (127.0.0.1 by default): `<UNIT>_HOST`, as the process reads it. */
const HOSTS: Record<HubUnit, [from: string, to: string]> = { cms: ['CMS_HOST', 'CMS_HOST'], site: ['SITE_HOST', 'SITE_HOST'], moderation: ['MODERATION_HOST', 'HOST'] };

function main(): void {
  const unit = process.argv[2] as HubUnit;
  if (!(unit in UNITS)) throw new Error(`Processus inconnu : ${String(unit)} (cms, site ou moderation).`);
  const config = readHubConfig();
  const secrets = readSecrets(process.env, config.HUB_DATA_DIR);
  const [from, to] = HOSTS[unit];
  const host = process.env[from] ? { [to]: process.env[from] } : {};
  const command = unitCommand(unit, config[UNITS[unit]], { ...processEnvironments(config, secrets)[unit], ...host });
  if (command.built && !existsSync(command.built)) throw new Error(`Le ${unit === 'cms' ? 'CMS' : 'site'} n’est pas construit : lancez d’abord \`npm run build\`.`);
  const [bin, ...args] = command.command;
  const child = spawn(bin!, args, { cwd: command.cwd, env: command.env, stdio: 'inherit' });
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => child.kill(signal));
  child.once('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

try {
  main();
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
