import { z } from 'zod';

/**
 * Site → CMS: the subscription forms and links (`/api/hub/subscriptions/*`, with
 * `x-hub-subscriptions-token`), sent by site/src/subscriptions/client.ts, received by
 * cms/src/subscriptions/routes.ts (checked field by field by its service, refusals in French);
 * and the CMS's answers, read by the site's client with the schemas below.
 *
 * The requests carry what the visitor typed, as typed: the CMS checks every value itself (each
 * refusal has its code and its field), so their schemas only give the shape.
 */
export const subscribeRequestSchema = z.object({ email: z.string(), topic: z.string(), frequency: z.string().optional(), consentVersion: z.string(), ip: z.string() });
export const tokenRequestSchema = z.object({ token: z.string() });
/** `/confirm` and `/unsubscribe`: `apply` false only asks what a click would do. */
export const linkActionRequestSchema = z.object({ token: z.string(), apply: z.boolean() });
export const updateRequestSchema = z.object({ token: z.string(), topic: z.string(), action: z.enum(['frequency', 'unsubscribe']), frequency: z.string().optional() });
export const eraseRequestSchema = z.object({ token: z.string(), confirm: z.boolean() });
export const preferencesLinkRequestSchema = z.object({ email: z.string(), ip: z.string() });

export type SubscribeRequest = z.infer<typeof subscribeRequestSchema>;
export type TokenRequest = z.infer<typeof tokenRequestSchema>;
export type LinkActionRequest = z.infer<typeof linkActionRequestSchema>;
export type UpdateRequest = z.infer<typeof updateRequestSchema>;
export type EraseRequest = z.infer<typeof eraseRequestSchema>;
export type PreferencesLinkRequest = z.infer<typeof preferencesLinkRequestSchema>;

/** A request as the CMS receives it: the same fields, each still to be checked. */
export type Unchecked<T> = { [K in keyof T]?: unknown };

/** A refusal the visitor can act on: a stable code, the field it concerns, a French message. */
export const refusalSchema = z.object({ error: z.object({ code: z.string(), field: z.string().nullable(), message: z.string() }) });
export type RefusalBody = z.infer<typeof refusalSchema>;

export const consentAnswerSchema = z.object({ version: z.string(), text: z.string() });
export type ConsentAnswer = z.infer<typeof consentAnswerSchema>;

/** What a form or a link did: its state, the topic's label, a preferences token when one is due. */
const outcome = <S extends [string, ...string[]]>(...states: S) =>
  z.object({ state: z.enum(states), label: z.string().optional(), preferencesToken: z.string().optional() });

export const subscribeAnswerSchema = outcome('sent', 'already');
export const confirmAnswerSchema = outcome('ready', 'confirmed', 'already');
export const unsubscribeAnswerSchema = outcome('ready', 'unsubscribed', 'already');
export const updateAnswerSchema = outcome('updated', 'unsubscribed');
export const eraseAnswerSchema = outcome('erased');
export const preferencesLinkAnswerSchema = outcome('sent');

export type SubscribeAnswer = z.infer<typeof subscribeAnswerSchema>;
export type ConfirmAnswer = z.infer<typeof confirmAnswerSchema>;
export type UnsubscribeAnswer = z.infer<typeof unsubscribeAnswerSchema>;
export type UpdateAnswer = z.infer<typeof updateAnswerSchema>;
export type EraseAnswer = z.infer<typeof eraseAnswerSchema>;
export type PreferencesLinkAnswer = z.infer<typeof preferencesLinkAnswerSchema>;

export const frequencySchema = z.enum(['immediate', 'daily']);
export type SubscriptionFrequency = z.infer<typeof frequencySchema>;

/** The preferences page: the address and its subscriptions still pending or active. */
export const preferencesAnswerSchema = z.object({
  email: z.string(),
  subscriptions: z.array(z.object({ topic: z.string(), label: z.string(), status: z.enum(['pending', 'active']), frequency: frequencySchema, digest: z.boolean() })),
});
export type PreferencesAnswer = z.infer<typeof preferencesAnswerSchema>;

/** Everything stored about the address (its shape is the CMS's export, shown as JSON). */
export const exportAnswerSchema = z.record(z.string(), z.unknown());
export type ExportAnswer = z.infer<typeof exportAnswerSchema>;
