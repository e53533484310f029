import { z } from 'zod';

/**
 * What the site reads from the CMS, validated at the edge: a field renamed in the CMS fails
 * loudly here instead of rendering « undefined » to tenants.
 */
const text = z.object({
  type: z.literal('text'),
  text: z.string(),
  bold: z.boolean().optional(),
  italic: z.boolean().optional(),
  underline: z.boolean().optional(),
  strikethrough: z.boolean().optional(),
  code: z.boolean().optional(),
});
export type InlineText = z.infer<typeof text>;
export type InlineNode = InlineText | { type: 'link'; url: string; children: InlineText[] };
export interface BlockNode {
  type: string;
  level?: number;
  format?: string;
  url?: string;
  image?: { url: string; alternativeText?: string | null; width?: number; height?: number };
  children?: (BlockNode | InlineNode)[];
}
const block: z.ZodType<BlockNode> = z.lazy(() =>
  z
    .object({
      type: z.string(),
      level: z.number().optional(),
      format: z.string().optional(),
      url: z.string().optional(),
      image: z.object({ url: z.string(), alternativeText: z.string().nullish(), width: z.number().optional(), height: z.number().optional() }).optional(),
      children: z.array(z.union([text, block])).optional(),
    })
    .loose(),
) as z.ZodType<BlockNode>;
export const blocks = z.array(block).nullish().transform((b) => b ?? []);

const format = z.object({ url: z.string(), width: z.number(), height: z.number() });
export const media = z.object({
  url: z.string(),
  alternativeText: z.string().nullish(),
  width: z.number().nullish(),
  height: z.number().nullish(),
  formats: z.record(z.string(), format).nullish(),
});
export type Media = z.infer<typeof media>;

export const tag = z.object({ documentId: z.string(), name: z.string(), slug: z.string() });
export type Tag = z.infer<typeof tag>;

export const rubriques = ['actualites', 'rehabilitation', 'construction'] as const;
export type Rubrique = (typeof rubriques)[number];
const status = z.enum(['a_venir', 'en_cours', 'termine']);
export type WorksiteStatus = z.infer<typeof status>;

export const worksiteRef = z.object({ documentId: z.string(), name: z.string(), slug: z.string() });

export const articleSummary = z.object({
  documentId: z.string(),
  title: z.string(),
  slug: z.string(),
  excerpt: z.string().nullish(),
  rubrique: z.enum(rubriques),
  publishedAt: z.string(),
  updatedAt: z.string(),
  authorName: z.string().nullish(),
  cover: media.nullish(),
});
export type ArticleSummary = z.infer<typeof articleSummary>;

export const article = articleSummary.extend({
  body: blocks,
  commentsOpen: z.boolean().nullish(),
  tags: z.array(tag).default([]),
  worksite: worksiteRef.nullish(),
});
export type Article = z.infer<typeof article>;

export const phase = z.object({
  name: z.string(),
  plannedStart: z.string().nullish(),
  plannedEnd: z.string().nullish(),
  status,
});
export type Phase = z.infer<typeof phase>;

export const nuisance = z.object({
  type: z.enum(['coupure_eau', 'bruit', 'acces', 'ascenseur']),
  from: z.string(),
  to: z.string().nullish(),
  text: z.string().nullish(),
});
export type Nuisance = z.infer<typeof nuisance>;

export const worksiteSummary = z.object({
  documentId: z.string(),
  name: z.string(),
  slug: z.string(),
  kind: z.enum(['rehabilitation', 'construction_neuve']),
  stage: status,
  residence: z.string(),
  commune: z.string(),
  progress: z.number(),
  summary: z.string().nullish(),
  startDate: z.string().nullish(),
  endDate: z.string().nullish(),
  updatedAt: z.string(),
  gallery: z.array(media).nullish(),
});
export type WorksiteSummary = z.infer<typeof worksiteSummary>;

export const worksite = worksiteSummary.extend({
  address: z.string().nullish(),
  latitude: z.coerce.number().nullish(),
  longitude: z.coerce.number().nullish(),
  description: blocks,
  phases: z.array(phase).default([]),
  nuisances: z.array(nuisance).default([]),
  contactRole: z.string().nullish(),
  contactChannel: z.string().nullish(),
});
export type Worksite = z.infer<typeof worksite>;

export const newsletterSummary = z.object({
  documentId: z.string(),
  title: z.string(),
  slug: z.string(),
  intro: z.string().nullish(),
  sendDate: z.string().nullish(),
  publishedAt: z.string(),
  updatedAt: z.string(),
});
export type NewsletterSummary = z.infer<typeof newsletterSummary>;
export const newsletter = newsletterSummary.extend({ articles: z.array(articleSummary).default([]) });
export type Newsletter = z.infer<typeof newsletter>;

export const page = z.object({ documentId: z.string(), title: z.string(), slug: z.string(), body: blocks, updatedAt: z.string() });
export type Page = z.infer<typeof page>;

export const pagination = z.object({ page: z.number(), pageSize: z.number(), pageCount: z.number(), total: z.number() });
export type Pagination = z.infer<typeof pagination>;
