import path from 'node:path';
import { parisDay } from '@hub/integrations/paris-time';
import type { Clock } from '../clock.ts';
import type { ModerationConfig } from '../config.ts';
import type { Db } from '../db/database.ts';
import type { Logger } from '../logger.ts';
import { createRetention } from './purge.ts';

/** How often a process looks whether today's purge has run (a cheap check once it has). */
const CHECK_MS = 15 * 60_000;
/** The first look, once the process has settled (a short-lived process, a test, never purges). */
const FIRST_CHECK_MS = 60_000;

interface RetentionWiring {
  db: Db;
  config: Pick<ModerationConfig, 'retention' | 'HUB_DATA_DIR'>;
  clock: Clock;
  logger: Logger;
}

/**
 * The daily purge of personal data (retention/README.md) in this moderation process: a check
 * a minute after start and every 15 minutes; the first process to claim the Paris day purges.
 */
export function wireRetention({ db, config, clock, logger }: RetentionWiring) {
  const retention = createRetention({ db, clock, periods: config.retention, letterbox: path.join(config.HUB_DATA_DIR, 'letterbox') });
  const log = logger.child({ subsystem: 'retention' });
  let doneDay = '';
  let running = false;
  async function check() {
    const day = parisDay(clock());
    if (running || day === doneDay) return;
    running = true;
    try {
      const counts = await retention.runToday();
      doneDay = day;
      if (counts) log.info({ day, counts }, 'personal data purged');
    } catch (error) {
      log.warn({ err: error }, 'retention purge failed');
    } finally {
      running = false;
    }
  }
  const first = setTimeout(() => void check(), FIRST_CHECK_MS);
  const timer = setInterval(() => void check(), CHECK_MS);
  first.unref();
  timer.unref();
  return {
    retention,
    stop() {
      clearTimeout(first);
      clearInterval(timer);
    },
  };
}
