/** An X account: read (mentions, replies) and write (hide, delete, reply, publish), through twitter-api-v2. */
export * from './read.ts';
export { createXOutbound, tweetText, type XAccount } from './write.ts';
export { X_API_URL } from './client.ts';
export { classifyXError, xFailure } from './errors.ts';
