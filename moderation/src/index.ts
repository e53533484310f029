export { readConfig, type ModerationConfig } from './config.ts';
export { createHttpServer } from './http-routes.ts';
export { createLogger } from './logger.ts';
export { createServices, type Services } from './services.ts';
export { systemClock, type Clock } from './clock.ts';
