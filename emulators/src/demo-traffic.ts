/**
 * Realistic French tenant traffic for the demo: thanks, questions about works, complaints (lift,
 * heating, noise), mild insults and ones the charter rejects, phone numbers left in public, a big
 * leak reported late on a Saturday. Deterministic: the same `Random` gives the same comments.
 * Used only against the emulators, never on the production path.
 */
import { addDays, parisInstant, parisTime } from '@hub/integrations/paris-time';
import type { GraphEmulator } from './graph/emulator.ts';
import { pick, seededRandom } from './random.ts';
import type { Random } from './random.ts';
import type { XEmulator } from './x/emulator.ts';

export type DemoCommentKind =
  | 'thanks'
  | 'worksite_question'
  | 'complaint_lift'
  | 'complaint_heating'
  | 'complaint_noise'
  | 'mild_insult'
  | 'rejected_insult'
  | 'phone_number'
  | 'late_leak';

export interface DemoAuthor {
  firstName: string;
  lastName: string;
  /** « Prénom N. », what a Facebook comment shows. */
  name: string;
  /** X handle, e.g. `sophie_m75`. */
  username: string;
}

export interface DemoComment {
  kind: DemoCommentKind;
  author: DemoAuthor;
  message: string;
}

export const FIRST_NAMES = [
  'Sophie', 'Karim', 'Nathalie', 'Mamadou', 'Isabelle', 'Youssef', 'Céline', 'Thierry', 'Fatima', 'Jean-Pierre',
  'Aïcha', 'Sébastien', 'Chloé', 'Mehdi', 'Brigitte', 'Lucas', 'Inès', 'Patrick', 'Émilie', 'Moussa',
  'Nadia', 'François', 'Léa', 'Rachid', 'Monique', 'Hugo', 'Samira', 'Gérard', 'Manon', 'Ibrahim',
] as const;

const LAST_NAMES = ['Martin', 'Benali', 'Dubois', 'Diallo', 'Lefèvre', 'Haddad', 'Moreau', 'Traoré', 'Girard', 'Nguyen', 'Roux', 'Mercier', 'Kone', 'Fontaine', 'Chevalier'];
const BUILDINGS = ['bâtiment A', 'bâtiment B', 'bâtiment C', 'la tour 3', 'les Tilleuls', 'la résidence du Parc', 'le 12 rue Jean-Jaurès', 'les Glycines'];
const FLOORS = ['au rez-de-chaussée', 'au 1er', 'au 2e', 'au 3e', 'au 4e', 'au 5e', 'au 7e', 'au 9e'];

const TEMPLATES: Record<Exclude<DemoCommentKind, 'late_leak'>, ((r: Random) => string)[]> = {
  thanks: [
    () => 'Merci pour la fête des voisins, c’était vraiment réussi !',
    (r) => `Un grand merci au gardien de ${pick(r, BUILDINGS)}, toujours disponible 👍`,
    () => 'Bravo pour le nouveau jardin partagé, les enfants adorent',
    () => 'Merci pour l’intervention rapide sur la fuite, le plombier était très sympa',
    (r) => `Enfin le hall de ${pick(r, BUILDINGS)} repeint, merci !`,
  ],
  worksite_question: [
    (r) => `Bonjour, les travaux de ravalement de ${pick(r, BUILDINGS)} se terminent quand ?`,
    () => 'Est-ce que l’eau sera coupée pendant le remplacement des colonnes ?',
    () => 'Les échafaudages vont rester combien de temps devant nos fenêtres ?',
    (r) => `Quand est-ce que les travaux d’isolation commencent ${pick(r, ['chez nous', 'aux Tilleuls', 'rue Jean-Jaurès'])} ?`,
    () => 'Il faudra vider les balcons pour les travaux ? Personne ne nous a prévenus',
  ],
  complaint_lift: [
    (r) => `L’ascenseur de ${pick(r, BUILDINGS)} est encore en panne, ma mère ne peut plus sortir`,
    () => 'Ascenseur bloqué depuis trois jours, on monte les courses à pied au 9e !!',
    () => 'TOUJOURS PAS D’ASCENSEUR, C’EST INADMISSIBLE',
  ],
  complaint_heating: [
    () => 'Plus de chauffage depuis lundi, il fait 15 degrés dans le salon',
    (r) => `Les radiateurs sont froids dans tout ${pick(r, BUILDINGS)}, on a des bébés ici`,
    () => 'Pas d’eau chaude depuis ce matin, encore une fois',
  ],
  complaint_noise: [
    (r) => `Tapage tous les soirs ${pick(r, FLOORS)}, impossible de dormir avant 2h`,
    () => 'Des jeunes squattent le hall tous les soirs, c’est bruyant et ça sent le shit',
    () => 'Le chantier commence à 6h30 le matin, c’est pas possible',
  ],
  mild_insult: [
    () => 'Bande de nuls, trois mois pour changer une ampoule',
    () => 'Vous êtes vraiment des incapables, personne ne répond jamais',
    () => 'Service client lamentable, c’est du grand n’importe quoi',
  ],
  rejected_insult: [
    () => 'Bande de connards, réparez cet ascenseur',
    () => 'Les connards du bailleur s’en foutent complètement',
    () => 'Gardien de merde, connard va',
  ],
  phone_number: [
    () => 'Rappelez-moi au 06 12 34 56 78 pour la fuite svp',
    (r) => `Personne ne décroche, rappelez-moi au 0${pick(r, ['6', '7'])} ${pair(r)} ${pair(r)} ${pair(r)} ${pair(r)}`,
    (r) => `Mon numéro c’est le 07.${pair(r)}.${pair(r)}.${pair(r)}.${pair(r)}, appelez avant 18h`,
  ],
};

const WEIGHTS: [DemoCommentKind, number][] = [
  ['thanks', 18],
  ['worksite_question', 20],
  ['complaint_lift', 12],
  ['complaint_heating', 10],
  ['complaint_noise', 8],
  ['mild_insult', 9],
  ['rejected_insult', 6],
  ['phone_number', 10],
  ['late_leak', 7],
];

export const LATE_LEAK_MESSAGE = 'Fuite d\'eau énorme au 3e, ça coule dans l\'escalier, personne ne répond !!';

function pair(random: Random): string {
  return String(Math.floor(random() * 100)).padStart(2, '0');
}

function ascii(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

export function demoAuthor(random: Random): DemoAuthor {
  const firstName = pick(random, FIRST_NAMES);
  const lastName = pick(random, LAST_NAMES);
  const username = `${ascii(firstName)}_${ascii(lastName).slice(0, 1)}${pair(random)}`;
  return { firstName, lastName, name: `${firstName} ${lastName.slice(0, 1)}.`, username };
}

/** One tenant comment; same `random` state, same comment. */
export function nextDemoComment(random: Random): DemoComment {
  const total = WEIGHTS.reduce((sum, [, w]) => sum + w, 0);
  let draw = random() * total;
  let kind: DemoCommentKind = 'thanks';
  for (const [candidate, weight] of WEIGHTS) {
    if (draw < weight) {
      kind = candidate;
      break;
    }
    draw -= weight;
  }
  const author = demoAuthor(random);
  const message = kind === 'late_leak' ? LATE_LEAK_MESSAGE : pick(random, TEMPLATES[kind])(random);
  return { kind, author, message };
}

/** The most recent Saturday before `reference`, at `hour:minute` Paris time (default 23:47). */
export function lastSaturdayNight(reference: number, hour = 23, minute = 47): number {
  const today = parisTime(new Date(reference));
  for (let days = 0; days <= 8; days++) {
    const weekday = ((((today.weekday - 1 - days) % 7) + 7) % 7) + 1;
    if (weekday !== 6) continue;
    const at = parisInstant(addDays(today.date, -days), hour * 60 + minute).getTime();
    if (at <= reference) return at;
  }
  throw new Error('unreachable: a week always has a Saturday');
}

export interface DemoTrafficOptions {
  graph?: GraphEmulator;
  x?: XEmulator;
  /** One comment or mention every `everyMs` (default 4000). */
  everyMs?: number;
  /** Seed of the traffic (default 2024); or pass your own `random`. */
  seed?: number;
  random?: Random;
  /** Share of the traffic going to X when both emulators are given (default 0.3). */
  xShare?: number;
  /** Called with what was added (for logs in the demo). */
  onItem?: (item: { network: 'facebook' | 'x'; id: string; comment: DemoComment }) => void;
}

/**
 * Adds one demo comment, to a live post of a random emulated Page (one in six answers another
 * tenant's comment) or as a mention of a random emulated X account (sometimes a reply to the
 * account's latest tweet). Live items are stamped "now", including the Saturday-night leak;
 * `seedDemoContent` places that one on the last Saturday night.
 */
export function addDemoItem(options: Omit<DemoTrafficOptions, 'everyMs' | 'seed'> & { random: Random }): void {
  const { graph, x, random } = options;
  const comment = nextDemoComment(random);
  const useX = x && (!graph || random() < (options.xShare ?? 0.3));
  if (useX) {
    const account = pick(random, x.accounts());
    const own = x.tweetsBy(account.id).find((t) => !t.in_reply_to_tweet_id);
    const tweet =
      own && random() < 0.4
        ? x.addReply(own.id, { from: { username: comment.author.username, name: comment.author.name }, text: comment.message })
        : x.addMention(account.id, { from: { username: comment.author.username, name: comment.author.name }, text: comment.message });
    options.onItem?.({ network: 'x', id: tweet.id, comment });
    return;
  }
  if (!graph) return;
  const page = pick(random, graph.pages());
  let posts = graph.postsOf(page.id);
  if (!posts.length) {
    graph.addPost(page.id, { message: 'Bienvenue sur la page de votre bailleur ! Posez vos questions en commentaire.' });
    posts = graph.postsOf(page.id);
  }
  const post = pick(random, posts.slice(0, 3));
  const from = { id: String(10_000_000_000 + Math.floor(random() * 9_000_000_000)), name: comment.author.name };
  const others = graph.commentsOf(post.id).filter((c) => !c.parent_id && c.from.id !== page.id);
  const parent = others.length && random() < 1 / 6 ? pick(random, others) : undefined;
  const created = graph.addComment(page.id, post.id, { from, message: comment.message, ...(parent ? { parentId: parent.id } : {}) });
  options.onItem?.({ network: 'facebook', id: created.id, comment });
}

/** Starts periodic demo traffic; returns the function that stops it. */
export function startDemoTraffic(options: DemoTrafficOptions): () => void {
  if (!options.graph && !options.x) throw new Error('startDemoTraffic needs a graph or an x emulator');
  const random = options.random ?? seededRandom(options.seed ?? 2024);
  const timer = setInterval(() => {
    try {
      addDemoItem({ ...options, random });
    } catch (error) {
      // A demo must not crash on a page whose posts were all deleted meanwhile; skip the tick.
      console.warn('demo traffic:', error instanceof Error ? error.message : error);
    }
  }, options.everyMs ?? 4000);
  timer.unref?.();
  return () => clearInterval(timer);
}

/**
 * A backlog for the start of the demo: a works announcement per Page and per X account, a few
 * comments on it from the past days, and the leak reported last Saturday at 23:47 (Paris time),
 * unanswered.
 */
export function seedDemoContent(options: { graph?: GraphEmulator; x?: XEmulator; seed?: number; now?: number }): void {
  const random = seededRandom(options.seed ?? 2024);
  const now = options.now ?? Date.now();
  const leakAt = lastSaturdayNight(now);
  // Before the leak, whatever the day of the week.
  const postedAt = Math.min(now - 4 * 86_400_000, leakAt - 2 * 3_600_000);
  const announcement = 'Travaux de remplacement des colonnes d’eau à partir du 14 : coupures d’eau de 9h à 12h. Questions en commentaire !';
  for (const page of options.graph?.pages() ?? []) {
    const post = options.graph!.addPost(page.id, { message: announcement, createdTime: postedAt });
    for (let i = 0; i < 4; i++) {
      const comment = nextDemoComment(random);
      const message = comment.kind === 'late_leak' ? 'Merci pour l’info !' : comment.message;
      options.graph!.addComment(page.id, post.id, { from: { id: String(20_000_000_000 + i), name: comment.author.name }, message, createdTime: postedAt + (i + 1) * 3_600_000 });
    }
    const tenant = demoAuthor(random);
    options.graph!.addComment(page.id, post.id, { from: { id: '29999999999', name: tenant.name }, message: LATE_LEAK_MESSAGE, createdTime: leakAt });
  }
  if (options.x) {
    for (const account of options.x.accounts()) {
      const root = options.x.addTweet(account.id, { text: announcement.slice(0, 270), createdAt: postedAt });
      const tenant = demoAuthor(random);
      options.x.addReply(root.id, { from: { username: tenant.username, name: tenant.name }, text: LATE_LEAK_MESSAGE, createdAt: leakAt });
    }
  }
}
