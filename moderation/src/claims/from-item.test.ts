import { describe, expect, it } from 'vitest';
import type { ItemRow } from '../queue/store.ts';
import { absoluteLink, claimFieldsOf } from './from-item.ts';

const SITE = 'https://www.habitat.example';

function item(overrides: Partial<ItemRow>): ItemRow {
  return {
    id: 'item-1', source: 'facebook_comment', account_id: '1048576', external_id: 'c1', author_name: 'Nadia Benali', author_external_id: '900001',
    text: 'Fuite au plafond', created_at: '2026-11-28T22:00:00.000Z', ingested_at: '2026-11-28T22:00:00.000Z', updated_at: '2026-11-28T22:00:00.000Z',
    permalink: 'https://www.facebook.com/1048576/posts/1?comment_id=c1', parent_id: null, thread_id: 'item-1', article_slug: null, worksite_slug: null,
    residence: null, state: 'held', severity: 'medium', rule_ids: '[]', charter_version: 1, personal_data: '[]', request_category: 'fuite_degat_des_eaux',
    negative_score: 0, assigned_to: null, private_details: null, ...overrides,
  };
}

describe('what a claim copies from its item', () => {
  it('masks the personal data the charter detects', () => {
    const fields = claimFieldsOf(item({ text: 'Fuite chez moi au 12 rue des Lilas, appelez le 06 12 34 56 78 ou nadia@example.fr' }), { publicSiteUrl: SITE });
    expect(fields.description).not.toMatch(/06 12|nadia@|12 rue des Lilas/);
    expect(fields.description).toMatch(/^Fuite chez moi au /);
  });

  it('keeps the public name and the link, never the private details', () => {
    const fields = claimFieldsOf(item({ private_details: JSON.stringify({ contact: '06 12 34 56 78' }), residence: 'Les Tilleuls' }), { publicSiteUrl: SITE });
    expect(fields).toMatchObject({ author_handle: 'Nadia Benali', residence: 'Les Tilleuls', address: null, permalink: 'https://www.facebook.com/1048576/posts/1?comment_id=c1' });
    expect(JSON.stringify(fields)).not.toContain('06 12');
  });

  it('copies no name from a private contact message', () => {
    const fields = claimFieldsOf(item({ source: 'site_contact', author_name: 'Nadia Benali', permalink: null }), { publicSiteUrl: SITE });
    expect(fields.author_handle).toBeNull();
    expect(fields.permalink).toBeNull();
  });

  it('makes site paths absolute on the public site', () => {
    expect(absoluteLink('/articles/les-tilleuls', `${SITE}/`)).toBe(`${SITE}/articles/les-tilleuls`);
    expect(absoluteLink('https://x.com/a/status/1', SITE)).toBe('https://x.com/a/status/1');
    expect(absoluteLink('javascript:alert(1)', SITE)).toBeNull();
    expect(absoluteLink(null, SITE)).toBeNull();
  });
});
