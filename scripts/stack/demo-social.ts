/**
 * The social networks of `npm start`. With `FACEBOOK_PAGES` or `TWITTER_ACCOUNTS` set, their
 * settings go to the moderation service as they are and nothing is simulated. Without either,
 * the demo: the Graph API and X API emulators run in this process with two Pages and one X
 * account, a backlog is seeded, a new French tenant comment arrives every 20 s, and the
 * moderation service reads them like the real networks.
 */
import { createGraphEmulator, createXEmulator, seedDemoContent, startDemoTraffic } from '@hub/emulators';
import type { HubConfig } from './hub-config.ts';

export const DEMO_PAGES = [
  { id: '104857600000001', name: 'Habitat Val de Loire', accessToken: 'demo-page-token-habitat-val-de-loire' },
  { id: '104857600000002', name: 'HVL — Résidence Les Tilleuls', accessToken: 'demo-page-token-residence-les-tilleuls' },
];
export const DEMO_X_ACCOUNTS = [{ id: '1500000000000000001', username: 'HVL_Habitat', name: 'Habitat Val de Loire', bearerToken: 'demo-x-token-hvl-habitat' }];

/** A new demo comment this often. */
const DEMO_EVERY_MS = 20_000;

export interface SocialNetworks {
  /** true: local emulators (demo). */
  simulated: boolean;
  /** What the moderation service's environment gets. */
  env: Record<string, string>;
  /** The banner line. */
  summary: string;
  stop(): Promise<void>;
}

type SocialConfig = Pick<HubConfig, 'FACEBOOK_PAGES' | 'TWITTER_ACCOUNTS' | 'FACEBOOK_GRAPH_URL' | 'TWITTER_API_URL' | 'SOCIAL_POLL_SECONDS' | 'TWITTER_DAILY_READ_BUDGET'>;

const count = (n: number, one: string, many: string) => `${n} ${n > 1 ? many : one}`;

function listLength(json: string | undefined): number {
  try {
    const value: unknown = JSON.parse(json || '[]');
    return Array.isArray(value) ? value.length : 0;
  } catch {
    return 0;
  }
}

/** Starts the emulators when no credentials are configured; otherwise passes the settings on. */
export async function startSocialNetworks(config: SocialConfig, log: (line: string) => void = () => undefined): Promise<SocialNetworks> {
  const optional: Record<string, string | number | undefined> = {
    FACEBOOK_GRAPH_URL: config.FACEBOOK_GRAPH_URL,
    TWITTER_API_URL: config.TWITTER_API_URL,
    SOCIAL_POLL_SECONDS: config.SOCIAL_POLL_SECONDS,
    TWITTER_DAILY_READ_BUDGET: config.TWITTER_DAILY_READ_BUDGET,
  };
  const defined = Object.fromEntries(Object.entries(optional).filter(([, v]) => v !== undefined).map(([k, v]) => [k, String(v)]));

  if (config.FACEBOOK_PAGES !== undefined || config.TWITTER_ACCOUNTS !== undefined) {
    const env = { ...defined, FACEBOOK_PAGES: config.FACEBOOK_PAGES ?? '[]', TWITTER_ACCOUNTS: config.TWITTER_ACCOUNTS ?? '[]' };
    const pages = listLength(config.FACEBOOK_PAGES);
    const accounts = listLength(config.TWITTER_ACCOUNTS);
    return {
      simulated: false,
      env,
      summary: `Réseaux sociaux : ${count(pages, 'Page Facebook', 'Pages Facebook')} et ${count(accounts, 'compte X', 'comptes X')}`,
      stop: async () => undefined,
    };
  }

  const graph = createGraphEmulator({ pages: DEMO_PAGES });
  const x = createXEmulator({ accounts: DEMO_X_ACCOUNTS });
  const [graphRunning, xRunning] = await Promise.all([graph.start(), x.start()]);
  seedDemoContent({ graph, x });
  const stopTraffic = startDemoTraffic({
    graph,
    x,
    everyMs: DEMO_EVERY_MS,
    seed: Date.now() % 100_000,
    onItem: ({ network, comment }) => log(`${network === 'x' ? 'X' : 'Facebook'} : « ${comment.message} » (${comment.author.name})`),
  });
  return {
    simulated: true,
    env: {
      ...defined,
      FACEBOOK_GRAPH_URL: graphRunning.url,
      TWITTER_API_URL: xRunning.url,
      FACEBOOK_PAGES: JSON.stringify(DEMO_PAGES),
      TWITTER_ACCOUNTS: JSON.stringify(DEMO_X_ACCOUNTS.map(({ id, username, bearerToken }) => ({ id, username, bearerToken }))),
      SOCIAL_POLL_SECONDS: String(config.SOCIAL_POLL_SECONDS ?? 10),
    },
    summary: `Réseaux sociaux simulés (démo) : ${count(DEMO_PAGES.length, 'Page Facebook', 'Pages Facebook')} et ${count(DEMO_X_ACCOUNTS.length, 'compte X', 'comptes X')} locaux`,
    async stop() {
      stopTraffic();
      await Promise.all([graphRunning.close(), xRunning.close()]);
    },
  };
}
