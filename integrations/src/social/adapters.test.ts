import { describe, expect, it } from 'vitest';
import { classifyFacebookError } from '../facebook/errors.ts';
import { parseFacebookCursor } from '../facebook/read.ts';
import { newerId, toXItem } from '../x/read.ts';

describe('adapters, pure parts', () => {
  it('compares snowflake ids beyond 2^53', () => {
    expect(newerId('1500000000000000009', '1500000000000000010')).toBe('1500000000000000010');
    expect(newerId(null, '5')).toBe('5');
  });
  it('reads the Facebook cursor, tolerating junk', () => {
    expect(parseFacebookCursor('{"t":1000}')).toBe(1000);
    expect(parseFacebookCursor('nope')).toBeNull();
    expect(parseFacebookCursor(null)).toBeNull();
  });
  it('classifies Graph errors', () => {
    const fb = (code: number, status = 400) => Object.assign(new Error('x'), { name: 'FacebookRequestError', status, response: { code, message: 'm' }, headers: {} });
    expect(classifyFacebookError(fb(190)).kind).toBe('auth');
    expect(classifyFacebookError(fb(17)).kind).toBe('rate_limit');
    expect(classifyFacebookError(fb(2, 500)).kind).toBe('transient');
    expect(classifyFacebookError(fb(100)).kind).toBe('other');
  });
  it('maps a reply tweet to x_reply with its parent', () => {
    const users = new Map([['7', { username: 'nadia', name: 'Nadia' }]]);
    const item = toXItem({ id: '9', text: '@Habitat bonjour', author_id: '7', created_at: '2026-03-14T10:00:00.000Z', referenced_tweets: [{ type: 'replied_to', id: '8' }], edit_history_tweet_ids: ['9'] }, users);
    expect(item).toMatchObject({ source: 'x_reply', parentExternalId: '8', authorExternalId: '7', permalink: 'https://x.com/nadia/status/9' });
  });
});
