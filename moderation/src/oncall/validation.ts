/**
 * What an on-call member must look like, in the console and in ONCALL_ROSTER: level 1 or 2,
 * a name, a valid e-mail, an optional http(s) webhook. Messages in French.
 */
import { z } from 'zod';
import { HubError } from '../errors.ts';

export type Level = 1 | 2;
export const LEVELS: readonly Level[] = [1, 2];

export const levelSchema = z.union([z.literal(1), z.literal(2)], { error: 'Niveau d’astreinte invalide : 1 ou 2.' });
const name = z.string({ error: 'Le nom est obligatoire.' }).trim().min(1, { error: 'Le nom est obligatoire.' }).max(120, { error: 'Le nom dépasse 120 caractères.' });
const email = z
  .string({ error: 'L’adresse e-mail est obligatoire.' })
  .trim()
  .toLowerCase()
  .max(254, { error: 'L’adresse e-mail est trop longue.' })
  .pipe(z.email({ error: 'Adresse e-mail invalide.' }));
const webhook = z
  .string()
  .trim()
  .max(2000, { error: 'L’adresse du webhook est trop longue.' })
  .refine((value) => value === '' || isHttpUrl(value), { error: 'L’adresse du webhook doit être une URL http:// ou https://.' })
  .transform((value) => value || null);

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/** A new member from the console. */
export const memberInputSchema = z.object({
  level: levelSchema,
  name,
  email,
  webhookUrl: webhook.nullish().transform((value) => value ?? null),
  active: z.boolean().default(true),
});
export type MemberInput = z.input<typeof memberInputSchema>;

/** Changes to a member: only the fields given. */
export const memberPatchSchema = z.object({
  level: levelSchema.optional(),
  name: name.optional(),
  email: email.optional(),
  webhookUrl: webhook.nullish(),
  active: z.boolean().optional(),
});
export type MemberPatch = z.input<typeof memberPatchSchema>;

/** One entry of ONCALL_ROSTER: `{ "level", "name", "email", "webhook"? }`. */
export const rosterEntrySchema = z.object({
  level: levelSchema,
  name,
  email,
  webhook: webhook.nullish().transform((value) => value ?? null),
});
export type RosterEntry = z.input<typeof rosterEntrySchema>;
export type ParsedRosterEntry = z.output<typeof rosterEntrySchema>;

/** Parsed with `schema`, or a HubError INVALID_ONCALL with the first problem in French. */
export function parseOrThrow<T extends z.ZodType>(schema: T, value: unknown): z.output<T> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  throw new HubError('INVALID_ONCALL', { message: issue.message, detail: JSON.stringify(parsed.error.issues) });
}

/** A webhook address as the audit log and the non-admin roles see it: its host only (the path often holds a token). */
export function webhookHost(url: string | null): string | null {
  if (!url) return null;
  try {
    return new URL(url).host;
  } catch {
    return null;
  }
}
