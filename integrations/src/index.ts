export { rateLimitWaitMs, type RateLimitHeaders } from './rate-limit/wait.ts';
export { createSiteNotifier, signNotice, type SiteNotifier } from './site-notice/notice.ts';
