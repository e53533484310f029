import { DEFAULT_TENANT_NUMBER_PATTERNS } from './phases/personal-data.ts';
import type { Charter } from './types.ts';

/**
 * The hub's default charter for a social landlord (version 1). The word rules read the built-in
 * lexicons (wordlists/: field-made lists merged with the landlord's terms), compared in
 * canonical form, whole words only, inflections folded: « connards », « C0NNARD »,
 * « c.o.n.n.a.r.d » all meet « connard ». Words that tenants use innocently (« punaise »,
 * « rat », « queue », « tapette ») count only where the text insults someone. t.co is not
 * blocked (X wraps every link in it).
 */

/** Scams and spam: refused. JavaScript regular expressions, case-insensitive, Unicode mode. */
const SPAM_PATTERNS = [
  String.raw`\b(?:bitcoins?|crypto(?:[- ]?monnaies?)?|forex|nft)\b`,
  String.raw`\bgagne[rz]?\s+(?:de\s+l['’]argent|\d[\d\s]*\s?(?:€|euros?))`,
  String.raw`\bargent\s+facile\b`,
  String.raw`\brevenus?\s+passifs?\b`,
  String.raw`\bcliquez?\s+(?:ici|sur\s+(?:le|ce)\s+lien)\b`,
  String.raw`\bpr[eê]ts?\s+(?:d['’]argent\s+)?entre\s+particuliers\b`,
  String.raw`\b(?:marabout|voyante?\s+m[ée]dium|retour\s+(?:de\s+l['’]|d['’])[êe]tre\s+aim[ée])`,
  String.raw`\b(?:viagra|cialis|casino|paris\s+sportifs)\b`,
  String.raw`\b(?:contactez|[ée]crivez)[- ]moi\s+(?:sur|via|par)\s+(?:whatsapp|telegram|snapchat)\b`,
  String.raw`\b(?:rencontres?\s+(?:coquines?|sexy|discr[èe]tes?)|sexe\s+gratuit)\b`,
];

/** Advertising and canvassing: held (a neighbour selling a sofa is not a scam). */
const ADVERTISING_PATTERNS = [
  String.raw`\bcodes?\s+promo\b`,
  String.raw`(?<![\p{L}\p{N}])-\s?\d{1,2}\s?%`,
  String.raw`\bpromo(?:tion)?s?\s+(?:exceptionnelles?|exclusives?)\b`,
  String.raw`(?:^|\s)(?:à|a)\s+vendre\b`,
  String.raw`\bje\s+vends\b`,
  String.raw`\blivraison\s+gratuite\b`,
  String.raw`\bdevis\s+gratuit\b`,
  String.raw`\babonnez[- ]vous\b`,
  String.raw`\bsuivez[- ]moi\b`,
];

/** URL shorteners: they hide where a link leads. */
const BLOCKED_DOMAINS = [
  'bit.ly',
  'bitly.com',
  'tinyurl.com',
  'goo.gl',
  'ow.ly',
  'is.gd',
  'v.gd',
  'buff.ly',
  'cutt.ly',
  'shorturl.at',
  'rebrand.ly',
  'tiny.cc',
  'rb.gy',
  't.ly',
  's.id',
  'adf.ly',
  'bl.ink',
  'shorte.st',
  'lnkd.in',
  'urlz.fr',
  'lc.cx',
  'qrco.de',
];

export const defaultCharter: Charter = {
  version: 1,
  rules: [
    { id: 'message-vide', label: 'Message vide', severity: 'low', action: 'reject', enabled: true, params: { kind: 'length', minChars: 1 } },
    { id: 'message-trop-long', label: 'Message trop long (plus de 5 000 caractères)', severity: 'low', action: 'hold', enabled: true, params: { kind: 'length', maxChars: 5000 } },
    { id: 'majuscules', label: 'Message écrit en majuscules', severity: 'low', action: 'hold', enabled: true, params: { kind: 'shouting', minLetters: 12, maxUppercaseRatio: 0.7 } },
    { id: 'doublon', label: 'Même message du même auteur dans l’heure', severity: 'low', action: 'reject', enabled: true, params: { kind: 'duplicate', windowMinutes: 60 } },
    {
      id: 'donnees-personnelles',
      label: 'Données personnelles (téléphone, e-mail, IBAN, n° de locataire, adresse)',
      severity: 'high',
      action: 'hide',
      enabled: true,
      params: { kind: 'personal_data', detect: ['phone', 'email', 'iban', 'tenant_number', 'street_address'], tenantNumberPatterns: [...DEFAULT_TENANT_NUMBER_PATTERNS] },
    },
    { id: 'insultes', label: 'Insultes et injures', severity: 'high', action: 'reject', enabled: true, params: { kind: 'words', lexicon: 'insultes' } },
    { id: 'grossieretes', label: 'Grossièretés', severity: 'low', action: 'hold', enabled: true, params: { kind: 'words', lexicon: 'grossieretes' } },
    { id: 'contenu-sexuel', label: 'Contenu sexuel', severity: 'medium', action: 'hide', enabled: true, params: { kind: 'words', lexicon: 'sexuel' } },
    { id: 'menaces', label: 'Menaces et violence', severity: 'critical', action: 'hold', enabled: true, params: { kind: 'words', lexicon: 'menaces' } },
    { id: 'discriminations', label: 'Propos racistes ou discriminatoires', severity: 'critical', action: 'reject', enabled: true, params: { kind: 'words', lexicon: 'discriminations' } },
    { id: 'spam-arnaques', label: 'Spam et arnaques', severity: 'medium', action: 'reject', enabled: true, params: { kind: 'pattern', patterns: SPAM_PATTERNS } },
    { id: 'publicite', label: 'Publicité et démarchage', severity: 'low', action: 'hold', enabled: true, params: { kind: 'pattern', patterns: ADVERTISING_PATTERNS } },
    { id: 'liens', label: 'Liens (plus de 2, ou raccourcisseurs d’adresse)', severity: 'medium', action: 'hold', enabled: true, params: { kind: 'links', maxLinks: 2, blockedDomains: BLOCKED_DOMAINS } },
    { id: 'rafale', label: 'Plus de 5 messages en 10 minutes', severity: 'medium', action: 'hold', enabled: true, params: { kind: 'flood', maxItems: 5, windowMinutes: 10 } },
    { id: 'demande-locataire', label: 'Demande de locataire (technique ou administrative)', severity: 'medium', action: 'mark_request', enabled: true, params: { kind: 'classifier', signal: 'request' } },
    { id: 'ton-negatif', label: 'Ton négatif', severity: 'low', action: 'mark_negative', enabled: true, params: { kind: 'classifier', signal: 'negative', minScore: 0.5 } },
  ],
};
