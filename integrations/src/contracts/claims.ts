import { z } from 'zod';

/**
 * CRM → moderation: a claim's status change (`POST /claims/status`, signed), sent by the
 * landlord's CRM (the emulator locally), received by moderation/src/claims/routes.ts. Each field
 * is checked on its own so the answer names the problem; the status itself is checked by the
 * claims service (in French).
 */
export const claimStatusUpdateSchema = z.object({
  reference: z.string().max(40),
  status: z.string().max(40),
  note: z.string().max(2000).nullish(),
  crmReference: z.string().max(100).nullish(),
});

export type ClaimStatusUpdate = z.infer<typeof claimStatusUpdateSchema>;

/**
 * Moderation → CRM: the claim pushed to CLAIMS_WEBHOOK_URL (signed), built by
 * moderation/src/claims/push.ts (crmPayload), received by the CRM (moderation/src/claims/README.md).
 */
export const crmClaimSchema = z.object({
  reference: z.string(),
  category: z.string(),
  residence: z.string().nullable(),
  address: z.string().nullable(),
  description: z.string(),
  link: z.string().nullable(),
  authorHandle: z.string().nullable(),
  status: z.string(),
  emergency: z.boolean(),
  createdAt: z.string(),
});

export type CrmClaimPayload = z.infer<typeof crmClaimSchema>;

/**
 * Moderation → site: a claim's public face (`GET /public/claims/<reference>`, site token),
 * answered by moderation/src/claims/routes.ts (Claims.publicStatus), read by
 * site/src/moderation/claims.ts for the /suivi page. Status and dates only.
 */
export const publicClaimStatusSchema = z.object({
  status: z.string(),
  statusLabel: z.string(),
  createdAt: z.string(),
  lastChangeAt: z.string(),
});

export type PublicClaimAnswer = z.infer<typeof publicClaimStatusSchema>;
