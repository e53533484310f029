/** RSS 2.0, built by hand: a feed is small and its escaping must be exact. */
export interface FeedItem {
  title: string;
  link: string;
  description?: string | null;
  pubDate: string;
  categories?: string[];
}

export interface Feed {
  title: string;
  description: string;
  link: string;
  selfLink: string;
  items: FeedItem[];
}

export function escapeXml(value: string): string {
  return value
    // eslint-disable-next-line no-control-regex -- XML 1.0 forbids these characters: removing them is the point.
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

const element = (name: string, value: string) => `<${name}>${escapeXml(value)}</${name}>`;

function item(entry: FeedItem): string {
  const parts = [
    element('title', entry.title),
    element('link', entry.link),
    `<guid isPermaLink="true">${escapeXml(entry.link)}</guid>`,
    element('pubDate', new Date(entry.pubDate).toUTCString()),
  ];
  if (entry.description) parts.push(element('description', entry.description));
  for (const category of entry.categories ?? []) parts.push(element('category', category));
  return `<item>${parts.join('')}</item>`;
}

export function buildRss(feed: Feed): string {
  const newest = feed.items[0]?.pubDate;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">',
    '<channel>',
    element('title', feed.title),
    element('link', feed.link),
    element('description', feed.description),
    '<language>fr-FR</language>',
    `<atom:link href="${escapeXml(feed.selfLink)}" rel="self" type="application/rss+xml"/>`,
    newest ? element('lastBuildDate', new Date(newest).toUTCString()) : '',
    ...feed.items.map(item),
    '</channel>',
    '</rss>',
  ].join('\n');
}

export function rssResponse(xml: string): Response {
  return new Response(xml, { headers: { 'content-type': 'application/rss+xml; charset=utf-8' } });
}
