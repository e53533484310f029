/**
 * The on-call roster of `npm start`. With ONCALL_ROSTER (or ONCALL_ROSTER_FILE) set, it goes to
 * the moderation service as it is. In the demo — demo content, simulated social networks and no
 * SMTP server — a demo roster is provisioned instead: two people taking turns at level 1 and the
 * communication director at level 2, at example.org addresses; their alerts are written to the
 * letterbox folder, nothing leaves the machine. Anything else: no roster from the launcher, the
 * administrators fill it in the console.
 */
import type { HubConfig } from './hub-config.ts';

export const DEMO_ONCALL_ROSTER = [
  { level: 1, name: 'Julie Martin (astreinte communication)', email: 'julie.martin@example.org' },
  { level: 1, name: 'Karim Benali (astreinte communication)', email: 'karim.benali@example.org' },
  { level: 2, name: 'Direction de la communication', email: 'direction.communication@example.org' },
];

type OncallConfig = Pick<HubConfig, 'ONCALL_ROSTER' | 'HUB_SEED_DEMO' | 'FACEBOOK_PAGES' | 'TWITTER_ACCOUNTS' | 'SMTP_URL'>;

/** What the moderation service's environment gets for its roster. */
export function oncallRosterEnv(config: OncallConfig): { ONCALL_ROSTER?: string } {
  if (config.ONCALL_ROSTER !== undefined) return { ONCALL_ROSTER: config.ONCALL_ROSTER };
  const demo = config.HUB_SEED_DEMO === 'true' && config.FACEBOOK_PAGES === undefined && config.TWITTER_ACCOUNTS === undefined && !config.SMTP_URL;
  return demo ? { ONCALL_ROSTER: JSON.stringify(DEMO_ONCALL_ROSTER) } : {};
}
