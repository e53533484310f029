import { z } from 'zod';
import { HubError } from '../errors.ts';

/** How an administrator names the person: what they typed, and which kind of identifier it is. */
export const IDENTIFIER_KINDS = ['email', 'handle', 'author_id', 'claim_reference'] as const;
export type IdentifierKind = (typeof IDENTIFIER_KINDS)[number];

export interface PersonIdentifier {
  kind: IdentifierKind;
  value: string;
}

export const IDENTIFIER_LABELS: Record<IdentifierKind, string> = {
  email: 'adresse e-mail',
  handle: 'nom ou pseudo',
  author_id: 'identifiant d’auteur',
  claim_reference: 'référence de réclamation',
};

const MESSAGES: Record<IdentifierKind, string> = {
  email: 'Adresse e-mail invalide : elle s’écrit par exemple prenom.nom@exemple.fr.',
  handle: 'Nom ou pseudo invalide : entre 2 et 120 caractères.',
  author_id: 'Identifiant d’auteur invalide : entre 2 et 200 caractères, sans espace.',
  claim_reference: 'Référence invalide : elle s’écrit REC-, l’année, un tiret et six chiffres (par exemple REC-2026-000123).',
};

const SHAPES: Record<IdentifierKind, z.ZodType<string>> = {
  email: z.string().trim().toLowerCase().pipe(z.email()),
  handle: z.string().trim().min(2).max(120),
  author_id: z.string().trim().regex(/^\S{2,200}$/),
  claim_reference: z.string().trim().toUpperCase().regex(/^REC-\d{4}-\d{6}$/),
};

/** The identifier, normalised, or a French message saying how it should be written. */
export function parseIdentifier(input: { kind: string; value: string }): PersonIdentifier {
  if (!IDENTIFIER_KINDS.includes(input.kind as IdentifierKind)) {
    throw new HubError('RIGHTS_IDENTIFIER_INVALID', { message: 'Type d’identifiant inconnu : adresse e-mail, nom ou pseudo, identifiant d’auteur ou référence de réclamation.' });
  }
  const kind = input.kind as IdentifierKind;
  const parsed = SHAPES[kind].safeParse(input.value);
  if (!parsed.success) throw new HubError('RIGHTS_IDENTIFIER_INVALID', { message: MESSAGES[kind] });
  return { kind, value: parsed.data };
}
