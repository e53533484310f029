import type { Core } from '@strapi/strapi';
import { toStrapiBlocks } from './blocks';
import { demoContent } from './content';
import { uploadSeedImages } from './media';
import type { SeedContent } from './types';
import type { Clock } from '../hub/clock';

const STORE = { type: 'plugin' as const, name: 'hub' };
const SEEDED_KEY = 'demo-seeded';

/** Keeps the seeded publication dates, so the demo reads like a site with a history. */
async function backdate(strapi: Core.Strapi, uid: string, documentId: string, at: string) {
  const when = new Date(at);
  const rows = strapi.db.query(uid as never);
  await rows.updateMany({ where: { documentId }, data: { createdAt: when, updatedAt: when } });
  // Only the published row carries a publication date: a draft with one would pass for published.
  await rows.updateMany({ where: { documentId, publishedAt: { $notNull: true } }, data: { publishedAt: when } });
}

async function seed(strapi: Core.Strapi, content: SeedContent) {
  const docs = strapi.documents;
  const tagIds = new Map<string, string>();
  for (const tag of content.tags) {
    const created = await docs('api::tag.tag').create({ data: tag });
    tagIds.set(tag.slug, created.documentId);
  }

  const alts = new Map<string, string>();
  for (const a of content.articles) alts.set(a.cover, a.coverAlt);
  for (const w of content.worksites) for (const g of w.gallery) if (!alts.has(g)) alts.set(g, `Photo du chantier ${w.name}`);
  const images = await uploadSeedImages(strapi, alts.keys(), alts);

  const worksiteIds = new Map<string, string>();
  for (const { status, ...w } of content.worksites) {
    const created = await docs('api::worksite.worksite').create({
      data: { ...w, stage: status, description: toStrapiBlocks(w.description), gallery: w.gallery.map((g) => images.get(g)) } as never,
      status: 'published',
    });
    worksiteIds.set(w.slug, created.documentId);
  }

  const articleIds = new Map<string, string>();
  for (const a of content.articles) {
    const { cover, coverAlt: _alt, tags, worksite, publishedAt, body, ...fields } = a;
    const created = await docs('api::article.article').create({
      data: {
        ...fields,
        body: toStrapiBlocks(body),
        cover: images.get(cover),
        tags: { connect: tags.map((t) => tagIds.get(t)!) },
        worksite: worksite ? worksiteIds.get(worksite) : null,
      } as never,
      status: 'published',
    });
    articleIds.set(a.slug, created.documentId);
    await backdate(strapi, 'api::article.article', created.documentId, publishedAt);
  }

  for (const n of content.newsletters) {
    const created = await docs('api::newsletter.newsletter').create({
      data: { ...n, articles: { connect: n.articles.map((s) => articleIds.get(s)!) } } as never,
      status: 'published',
    });
    await backdate(strapi, 'api::newsletter.newsletter', created.documentId, n.sendDate);
  }

  for (const p of content.pages) {
    await docs('api::page.page').create({ data: { ...p, body: toStrapiBlocks(p.body) } as never, status: 'published' });
  }
}

/** Seeds the demo content once per database: a second start finds the mark and does nothing. */
export async function seedDemoContentOnce(strapi: Core.Strapi, clock: Clock): Promise<void> {
  const store = strapi.store(STORE);
  if (await store.get({ key: SEEDED_KEY })) return;
  const existing = await strapi.documents('api::article.article').count({});
  if (existing === 0) {
    await seed(strapi, demoContent);
    strapi.log.info(`seed: demo content created for ${demoContent.landlord.name}`);
  }
  await store.set({ key: SEEDED_KEY, value: { at: clock().toISOString() } });
}
