import { describe, expect, it } from 'vitest';
import { replyMarker } from '../outbox/network.ts';
import { claimReplyText } from './reply.ts';

/** X's weighted length: 2 for characters outside Latin and general punctuation. */
const weighted = (text: string) => [...text].reduce((n, c) => n + (c.codePointAt(0)! <= 0x10ff || (c.codePointAt(0)! >= 0x2000 && c.codePointAt(0)! <= 0x200d) || (c.codePointAt(0)! >= 0x2010 && c.codePointAt(0)! <= 0x201f) || (c.codePointAt(0)! >= 0x2032 && c.codePointAt(0)! <= 0x2037) ? 1 : 2), 0);

describe('the public reply giving the reference', () => {
  it('gives the reference, sends personal details to a private channel and never asks for them here', () => {
    const text = claimReplyText('REC-2026-000123', 'facebook_comment', 'https://www.habitat.example/');
    expect(text).toContain('REC-2026-000123');
    expect(text).toContain('message privé');
    expect(text).toContain('nous ne vous demanderons jamais d’informations personnelles ici');
    expect(text).toContain('https://www.habitat.example/suivi');
    expect(text).not.toMatch(/votre (numéro|téléphone|adresse)/i);
  });

  it('fits a tweet on X with a long signature and the idempotency marker', () => {
    const text = `${claimReplyText('REC-2026-000123', 'x_reply', 'https://www.habitat.example')}\n— Marie-Christine, de l’équipe communication`;
    expect(weighted(text + replyMarker('reply:item:row'))).toBeLessThanOrEqual(280);
  });
});
