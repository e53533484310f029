import { publicPrivacySchema, type PublicPrivacyAnswer } from '@hub/integrations/contracts';
import { ModerationUnavailableError, call } from './client.ts';

/**
 * The register's public part for /confidentialite: the periods the hub really applies, its
 * recipients and processors, from the moderation service's configuration in force (schema:
 * the contract's privacy.ts), so that the page never promises what the hub does not do.
 */
export type PublicPrivacy = PublicPrivacyAnswer;

export async function publicPrivacy(): Promise<PublicPrivacy> {
  const res = await call('/public/privacy');
  if (!res.ok) throw new ModerationUnavailableError(`HTTP ${res.status}`);
  const body = publicPrivacySchema.safeParse(await res.json().catch(() => null));
  if (!body.success) throw new ModerationUnavailableError('réponse inattendue');
  return body.data;
}
