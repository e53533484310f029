export { createGraphEmulator } from './emulator.ts';
export type { GraphEmulator, GraphEmulatorOptions, GraphWebhooks } from './emulator.ts';
export { answerVerificationChallenge, signWebhookBody, verifyWebhookSignature } from './webhooks.ts';
export type { WebhookSubscription } from './webhooks.ts';
export { graphTime } from './store.ts';
export type * from './types.ts';
