import type { z } from 'zod';

// The schemas of what the site posts (comments, contact messages) are the contract's
// (@hub/integrations/contracts, public-items.ts), shared with the site that sends them.

/** The first problem, in French, for the form to show. */
export function firstProblem(error: z.ZodError): string {
  return error.issues[0]?.message ?? 'Certaines informations sont invalides.';
}
