import { describe, expect, it } from 'vitest';
import { claimStatusUpdateSchema, commentSchema, contactSchema, publishedArticleSchema, siteNoticeSchema } from './index.ts';

describe('the payload contracts', () => {
  it('accepts the site notices of the CMS and of moderation', () => {
    expect(siteNoticeSchema.safeParse({ model: 'api::article.article', action: 'publish', documentId: 'abc' }).success).toBe(true);
    expect(siteNoticeSchema.safeParse({ model: 'api::rubrique.rubrique', action: 'update' }).success).toBe(true);
    expect(siteNoticeSchema.safeParse({ model: 'moderation.comment', action: 'approved', documentId: null }).success).toBe(true);
    expect(siteNoticeSchema.safeParse({ action: 'publish' }).success).toBe(false);
  });

  it('reads a published-article notice with its defaults', () => {
    const parsed = publishedArticleSchema.parse({ documentId: 'd1', slug: 'reunion-publique', message: '  Venez nombreux  ' });
    expect(parsed).toEqual({ documentId: 'd1', slug: 'reunion-publique', title: '', message: 'Venez nombreux' });
    expect(publishedArticleSchema.safeParse({ documentId: 'd1', slug: 'a b', message: 'x' }).success).toBe(false);
  });

  it('answers the site in French, after removing tags', () => {
    const comment = commentSchema.safeParse({ articleSlug: 'un-article', authorName: '<b></b>', text: 'Bonjour', clientKey: 'k'.repeat(16) });
    expect(comment.success ? null : comment.error.issues[0]?.message).toBe('Votre nom : champ obligatoire.');
    const long = commentSchema.safeParse({ articleSlug: 'un-article', authorName: 'Nadia', text: 'x'.repeat(2001), clientKey: 'k'.repeat(16) });
    expect(long.success ? null : long.error.issues[0]?.message).toBe('Votre commentaire : 2000 caractères au maximum.');
    const contact = contactSchema.safeParse({ name: 'Nadia', contact: 'nadia@example.fr', subject: 'Fuite', message: 'Une fuite au 3e.', consent: false, clientKey: 'k'.repeat(16) });
    expect(contact.success ? null : contact.error.issues[0]?.message).toBe('Merci de cocher la case de consentement.');
    expect(commentSchema.parse({ articleSlug: 'un-article', authorName: 'Nadia <i>B.</i>', text: 'Merci &amp; bravo', clientKey: 'k'.repeat(16) }).authorName).toBe('Nadia B.');
  });

  it('checks each field of a CRM status update on its own', () => {
    const parsed = claimStatusUpdateSchema.safeParse({ reference: 'REC-2026-000123', status: 'x'.repeat(41), note: 3 });
    expect(parsed.success ? [] : parsed.error.issues.map((i) => i.path.join('.'))).toEqual(['status', 'note']);
  });
});
