import { describe, expect, it } from 'vitest';
import { toStrapiQuery } from './query.ts';

describe('toStrapiQuery', () => {
  it('writes nested filters, populate, sort and pagination in bracket notation', () => {
    const query = toStrapiQuery({
      filters: { slug: { $eq: 'la-fuite' }, $or: [{ title: { $containsi: 'été & hiver' } }] },
      populate: { cover: { fields: ['url'] } },
      sort: ['publishedAt:desc'],
      pagination: { page: 2, pageSize: 9 },
    });
    expect(query.split('&')).toEqual([
      'filters[slug][$eq]=la-fuite',
      `filters[$or][0][title][$containsi]=${encodeURIComponent('été & hiver')}`,
      'populate[cover][fields][0]=url',
      'sort[0]=publishedAt%3Adesc',
      'pagination[page]=2',
      'pagination[pageSize]=9',
    ]);
  });
});
