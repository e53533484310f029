/** Actions on the social networks (hide, delete, reply) through the real SDKs. See the outbox README in moderation. */
export { createFacebookOutbound, facebookFailure, type FacebookPageAccount } from './facebook.ts';
export { createXOutbound, tweetText, xFailure, X_API_URL, type XAccount } from './x.ts';
export type { OutboundAdapter, PublicationPost } from './types.ts';
