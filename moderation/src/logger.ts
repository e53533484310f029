import pino from 'pino';

/** One logger for the service; subsystems take a child. Secrets never reach the output. */
export function createLogger(level: string) {
  return pino({
    level,
    base: { service: 'moderation' },
    redact: {
      paths: ['password', '*.password', 'token', '*.token', 'cookie', '*.cookie', 'headers.cookie', 'headers.authorization', 'databaseUrl', '*.databaseUrl'],
      censor: '[secret]',
    },
  });
}

export type Logger = pino.Logger;
