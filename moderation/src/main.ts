/**
 * The moderation service's process: reads its configuration, opens and migrates its database,
 * serves the API and the console, and stops cleanly on SIGINT / SIGTERM.
 */
import { readConfig } from './config.ts';
import { createHttpServer } from './http-routes.ts';
import { createLogger, secretValues } from './logger.ts';
import { createServices } from './services.ts';
import { systemClock } from './clock.ts';

// Before any file is opened: the data folder, the SQLite files and the letterbox are the owner's only.
process.umask(0o077);
const config = readConfig();
const logger = createLogger(config.LOG_LEVEL, { secrets: secretValues(config) });
const services = await createServices(config, logger, systemClock);
const http = await createHttpServer(config, services, logger);
const port = await http.listen(config.PORT, config.HOST);
logger.info({ port, database: services.dialect, roles: config.MODERATION_ROLES }, 'moderation service listening');

/** A supervisor's SIGTERM: the answers and deliveries in hand finish, within this much at most. */
const STOP_DEADLINE_MS = 10_000;
let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  // What is still running then is left to its lease: another process (or this one, restarted) takes it over.
  setTimeout(() => {
    logger.warn({ deadlineMs: STOP_DEADLINE_MS }, 'stop deadline reached, exiting');
    process.exit(0);
  }, STOP_DEADLINE_MS).unref();
  await http.close();
  await services.close();
  process.exit(0);
}
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
