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
logger.info({ port, database: services.dialect }, 'moderation service listening');

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  await http.close();
  await services.close();
  process.exit(0);
}
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
