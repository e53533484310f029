/**
 * The social accounts from the configuration, each with its adapter. The tokens go to the
 * adapters and nowhere else (not in the database, not in the logs).
 */
import { createFacebookSource } from '@hub/integrations/facebook';
import { createXSource } from '@hub/integrations/x';
import type { ModerationConfig } from '../config.ts';
import type { PolledAccount } from './poller.ts';

export function accountsFromConfig(config: Pick<ModerationConfig, 'FACEBOOK_PAGES' | 'TWITTER_ACCOUNTS' | 'FACEBOOK_GRAPH_URL' | 'TWITTER_API_URL'>, options: { pageSize?: number } = {}): PolledAccount[] {
  return [
    ...config.FACEBOOK_PAGES.map((page): PolledAccount => ({
      key: `facebook:${page.id}`,
      network: 'facebook',
      name: page.name,
      source: createFacebookSource(page, { graphUrl: config.FACEBOOK_GRAPH_URL, pageSize: options.pageSize }),
    })),
    ...config.TWITTER_ACCOUNTS.map((account): PolledAccount => ({
      key: `x:${account.id}`,
      network: 'x',
      name: `@${account.username}`,
      source: createXSource(account, { apiUrl: config.TWITTER_API_URL, pageSize: options.pageSize }),
    })),
  ];
}
