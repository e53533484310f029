/**
 * Shape of the demo content seeded on a fresh database. Plain data, no Strapi types, so the
 * content can be read and reviewed by the communication team like a document.
 */

/** A paragraph-level block, mapped to Strapi "blocks" by the seeder. */
export type SeedBlock =
  | { type: 'paragraph'; text: string }
  | { type: 'heading'; level: 2 | 3; text: string }
  | { type: 'list'; items: string[] };

export type WorksiteKind = 'rehabilitation' | 'construction_neuve';
export type WorksiteStatus = 'a_venir' | 'en_cours' | 'termine';
export type NuisanceType = 'coupure_eau' | 'bruit' | 'acces' | 'ascenseur';
export type Rubrique = 'actualites' | 'rehabilitation' | 'construction';

export interface SeedPhase {
  name: string;
  plannedStart: string; // YYYY-MM-DD
  plannedEnd: string; // YYYY-MM-DD
  status: WorksiteStatus;
}

export interface SeedNuisance {
  type: NuisanceType;
  from: string; // ISO date-time with offset, e.g. 2026-12-08T08:00:00+01:00
  to: string;
  text: string;
}

export interface SeedWorksite {
  name: string;
  slug: string;
  kind: WorksiteKind;
  status: WorksiteStatus;
  residence: string;
  commune: string;
  address: string;
  latitude: number;
  longitude: number;
  startDate: string;
  endDate: string;
  progress: number; // 0..100
  summary: string; // one or two sentences
  description: SeedBlock[];
  phases: SeedPhase[];
  nuisances: SeedNuisance[];
  /** File names under cms/seed-images/ */
  gallery: string[];
  contactRole: string; // a role, never a private phone
  contactChannel: string; // a generic channel: the landlord's switchboard or a service mailbox
}

export interface SeedArticle {
  title: string;
  slug: string;
  excerpt: string; // <= 280 characters
  body: SeedBlock[];
  cover: string; // file name under cms/seed-images/
  coverAlt: string;
  rubrique: Rubrique;
  tags: string[]; // tag slugs
  worksite?: string; // worksite slug
  authorName: string;
  commentsOpen: boolean;
  publishedAt: string; // ISO date-time
}

export interface SeedTag {
  name: string;
  slug: string;
}

export interface SeedNewsletter {
  title: string;
  slug: string;
  intro: string;
  articles: string[]; // article slugs
  sendDate: string; // ISO date-time
}

export interface SeedPage {
  title: string;
  slug: 'charte' | 'mentions-legales' | 'accessibilite' | 'confidentialite';
  body: SeedBlock[];
}

export interface SeedContent {
  landlord: { name: string; shortName: string; city: string };
  tags: SeedTag[];
  worksites: SeedWorksite[];
  articles: SeedArticle[];
  newsletters: SeedNewsletter[];
  pages: SeedPage[];
}
