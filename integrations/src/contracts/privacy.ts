import { z } from 'zod';

/**
 * Moderation → site: the public part of the register of processing (`GET /public/privacy`, site
 * token), built by moderation/src/register/register.ts (publicPrivacy) from the configuration in
 * force, read by site/src/moderation/privacy.ts for the « Durées de conservation et destinataires »
 * section of /confidentialite. Words only, no host, no address: what a visitor may read.
 */
export const privacyRetentionSchema = z.object({
  /** The RETENTION_DEFAULTS key (`refusedItems`…). */
  key: z.string(),
  /** « Messages refusés ou masqués ». */
  label: z.string(),
  days: z.number().int().positive(),
  /** « 3 mois », « 1 an » (describePeriod). */
  period: z.string(),
  /** What happens then: « supprimés », « anonymisées (statistiques conservées) ». */
  after: z.string(),
});

export const privacyRecipientSchema = z.object({
  /** « Équipe communication », « Meta Platforms Ireland Ltd. ». */
  name: z.string(),
  /** What it receives and why, in one sentence. */
  role: z.string(),
  /** A transfer outside the European Union and its safeguard, or null. */
  transfer: z.string().nullable(),
});

export const publicPrivacySchema = z.object({
  retention: z.array(privacyRetentionSchema),
  /** People and teams of the landlord who see the data. */
  recipients: z.array(privacyRecipientSchema),
  /** Processors (sous-traitants) and platforms the data goes to. */
  processors: z.array(privacyRecipientSchema),
});

/**
 * Site → moderation: a tenant asks from the site for their data (`POST /public/rights-requests`),
 * then confirms from the link e-mailed to that address (`POST /public/rights-requests/confirm`).
 */
export const rightsRequestSchema = z.object({
  email: z.string().trim().toLowerCase().max(254, { error: 'Votre adresse e-mail : 254 caractères au maximum.' }).pipe(z.email({ error: 'Votre adresse e-mail n’est pas valide.' })),
  kind: z.enum(['access', 'erasure'], { error: 'Choisissez ce que vous demandez : une copie de vos données ou leur effacement.' }),
  message: z.string().trim().max(1000, { error: 'Précisions : 1000 caractères au maximum.' }).optional(),
  clientKey: z.string().min(8).max(128),
  website: z.string().max(500).optional(),
});
export const rightsConfirmSchema = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{20,100}$/, { error: 'Ce lien de confirmation n’est pas valide.' }) });

export type RightsRequestPayload = z.input<typeof rightsRequestSchema>;
export type PrivacyRetention = z.infer<typeof privacyRetentionSchema>;
export type PrivacyRecipient = z.infer<typeof privacyRecipientSchema>;
export type PublicPrivacyAnswer = z.infer<typeof publicPrivacySchema>;
