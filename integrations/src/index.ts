export { rateLimitWaitMs, type RateLimitHeaders } from './rate-limit/wait.ts';
export type { SocialItem } from './social/item.ts';
export type { OutboundAdapter, PublicationPost } from './social/outbound.ts';
export { createSiteNotifier, type SiteNotifier } from './site-notice/notice.ts';
export * from './contracts/index.ts';
