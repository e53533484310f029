import { describe, expect, it } from 'vitest';
import { commentSchema, plainText } from './public-items.ts';

describe('plainText: tags removed, the text kept as typed (escaped on output only)', () => {
  it.each([
    ['M&M <b>x</b>', 'M&M x'],
    ['Merci &amp; bravo', 'Merci &amp; bravo'],
    ['&eacute; &lt;b&gt;', '&eacute; &lt;b&gt;'],
    ['a < b > c et 1 <2', 'a < b > c et 1 <2'],
    ['« l’eau » "froide" \'ici\'', '« l’eau » "froide" \'ici\''],
    ['<script>alert(1)</script>Bonjour<style>p{}</style>', 'Bonjour'],
    ['<img src=x onerror=alert(1)>Salut', 'Salut'],
    ['  ligne 1\r\nligne 2  ', 'ligne 1\nligne 2'],
  ])('%j → %j', (typed, stored) => {
    expect(plainText(typed)).toBe(stored);
  });

  it('stores a comment as typed, without entities', () => {
    const comment = commentSchema.parse({ articleSlug: 'un-article', authorName: 'Léa & Co', text: 'M&M <b>x</b>', clientKey: 'k'.repeat(16) });
    expect(comment).toMatchObject({ authorName: 'Léa & Co', text: 'M&M x' });
  });
});
