/** A Facebook Page: read (posts, comments, replies) and write (hide, delete, reply, publish), through the real SDK. */
export * from './read.ts';
export { createFacebookOutbound, type FacebookPageAccount } from './write.ts';
export { classifyFacebookError, facebookFailure } from './errors.ts';
