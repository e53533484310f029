import { describe, expect, it } from 'vitest';
import { rosterEntrySchema } from '../../moderation/src/oncall/validation.ts';
import { DEMO_ONCALL_ROSTER, oncallRosterEnv } from './demo-oncall.ts';

const demo = { HUB_SEED_DEMO: 'true' as const };

describe('oncallRosterEnv', () => {
  it('provisions the demo roster when nothing is configured', () => {
    expect(JSON.parse(oncallRosterEnv(demo).ONCALL_ROSTER!)).toEqual(DEMO_ONCALL_ROSTER);
  });

  it('passes ONCALL_ROSTER on as it is', () => {
    expect(oncallRosterEnv({ ...demo, ONCALL_ROSTER: '[]' })).toEqual({ ONCALL_ROSTER: '[]' });
  });

  it('invents nobody outside the demo: real networks, a real mail server, or no demo content', () => {
    expect(oncallRosterEnv({ ...demo, FACEBOOK_PAGES: '[]' })).toEqual({});
    expect(oncallRosterEnv({ ...demo, SMTP_URL: 'smtp://mail.bailleur.example:587' })).toEqual({});
    expect(oncallRosterEnv({ HUB_SEED_DEMO: 'false' })).toEqual({});
  });

  it('is a valid roster: two people at level 1, one at level 2, example.org addresses', () => {
    const entries = DEMO_ONCALL_ROSTER.map((e) => rosterEntrySchema.parse(e));
    expect(entries.map((e) => e.level)).toEqual([1, 1, 2]);
    expect(entries.every((e) => e.email.endsWith('@example.org'))).toBe(true);
  });
});
