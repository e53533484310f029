import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isOfficeHours } from '../../moderation/src/calendar/index.ts';
import { readConfig } from '../../moderation/src/index.ts';
import { consoleClient, startModeration, type TestModeration } from '../support/moderation.ts';

const ROSTER = [
  { level: 1, name: 'Julie Martin', email: 'julie.martin@example.org', webhook: 'https://sms.example.org/hooks/julie-secret' },
  { level: 1, name: 'Karim Benali', email: 'karim.benali@example.org' },
  { level: 2, name: 'Direction de la communication', email: 'direction.communication@example.org' },
];
const MEMBER = 'id level name email webhookHost rotationOrder active';
const ROSTER_QUERY = `query { oncallRoster { ${MEMBER} } }`;
const AUDIT = 'query { auditLog(first: 100) { entries { actor action targetType targetId before after } } }';
const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
const WORKDAY = [{ start: '09:00', end: '12:30' }, { start: '13:30', end: '18:00' }];
const calendarInput = (overrides: Record<string, unknown> = {}) => ({
  hours: Object.fromEntries(WEEKDAYS.map((d, i) => [d, i < 5 ? WORKDAY : []])),
  region: 'alsace-moselle',
  closures: [{ from: '2026-05-15', to: '2026-05-15', label: 'Fermeture exceptionnelle — pont de l’Ascension' }],
  ...overrides,
});

type Member = { id: string; level: number; name: string; email: string; webhookHost: string | null; rotationOrder: number; active: boolean };
type Audit = { entries: { actor: string; action: string; targetType: string; targetId: string | null; before: string | null; after: string | null }[] };

/** A database that outlives one start of the service, on either dialect. */
async function databaseOn(dialect: 'sqlite' | 'postgres') {
  if (dialect === 'postgres') {
    const { createTempDatabase } = await import('../support/postgres.ts');
    return createTempDatabase();
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), 'hub-oncall-'));
  return { url: `sqlite:${path.join(dir, 'moderation.db')}`, drop: async () => rmSync(dir, { recursive: true, force: true }) };
}

describe.each(['sqlite', 'postgres'] as const)('office calendar and on-call roster on %s', (dialect) => {
  let database: { url: string; drop(): Promise<void> };
  let mod: TestModeration;
  let admin: ReturnType<typeof consoleClient>;
  let manager: ReturnType<typeof consoleClient>;

  beforeAll(async () => {
    database = await databaseOn(dialect);
    mod = await startModeration({ databaseUrl: database.url, env: { ONCALL_ROSTER: JSON.stringify(ROSTER) } });
    admin = consoleClient(mod.url);
    await admin.login(mod.adminEmail, mod.adminPassword);
    await admin.query('mutation($i: NewConsoleUser!){ createUser(input: $i){ id } }', {
      i: { email: 'julie.cm@bailleur.example', displayName: 'Julie', role: 'community_manager', password: 'Julie2026abcd' },
    });
    manager = consoleClient(mod.url);
    await manager.login('julie.cm@bailleur.example', 'Julie2026abcd');
  });
  afterAll(async () => {
    await mod?.stop();
    await database?.drop();
  });

  describe('ONCALL_ROSTER', () => {
    it('provisions the roster at start, in the list order, and audits it once', async () => {
      const { data } = await admin.query<{ oncallRoster: Member[] }>(ROSTER_QUERY);
      expect(data!.oncallRoster.map((m) => [m.level, m.rotationOrder, m.name, m.webhookHost])).toEqual([
        [1, 0, 'Julie Martin', 'sms.example.org'],
        [1, 1, 'Karim Benali', null],
        [2, 0, 'Direction de la communication', null],
      ]);
      const audit = await admin.query<{ auditLog: Audit }>(AUDIT);
      const provision = audit.data!.auditLog.entries.filter((e) => e.action === 'oncall.provision');
      expect(provision).toHaveLength(1);
      expect(provision[0]!.actor).toBe('system');
      expect(provision[0]!.after).not.toContain('julie-secret');
    });

    it('rotates level 1 week by week over the next five weeks, level 2 always the director', async () => {
      const { data } = await manager.query<{ oncallRotation: { weekStart: string; level1: { name: string } | null; level2: { name: string } | null }[] }>(
        'query { oncallRotation(weeks: 5) { weekStart level1 { name } level2 { name } } }',
      );
      const weeks = data!.oncallRotation;
      expect(weeks).toHaveLength(5);
      expect(new Date(weeks[0]!.weekStart).getTime()).toBeLessThanOrEqual(Date.now());
      expect(new Date(weeks[1]!.weekStart).getTime()).toBeGreaterThan(Date.now());
      const [a, b] = [weeks[0]!.level1!.name, weeks[1]!.level1!.name];
      expect(new Set([a, b])).toEqual(new Set(['Julie Martin', 'Karim Benali']));
      expect(weeks.map((w) => w.level1!.name)).toEqual([a, b, a, b, a]);
      expect(weeks.every((w) => w.level2?.name === 'Direction de la communication')).toBe(true);
    });

    it('refuses an invalid roster at start, in French, and reads ONCALL_ROSTER_FILE', () => {
      expect(() => readConfig({ ONCALL_ROSTER: JSON.stringify([{ level: 3, name: 'X', email: 'x@example.org' }]) })).toThrow(/ONCALL_ROSTER\.0\.level \(Niveau d’astreinte invalide : 1 ou 2\.\)/);
      expect(() => readConfig({ ONCALL_ROSTER: JSON.stringify([{ level: 1, name: 'X', email: 'pas-une-adresse' }]) })).toThrow(/Adresse e-mail invalide/);
      expect(() => readConfig({ ONCALL_ROSTER: '[{' })).toThrow(/ONCALL_ROSTER \(JSON invalide\)/);
      const dir = mkdtempSync(path.join(os.tmpdir(), 'hub-roster-'));
      const file = path.join(dir, 'roster.json');
      writeFileSync(file, JSON.stringify(ROSTER.slice(2)));
      expect(readConfig({ ONCALL_ROSTER_FILE: file }).ONCALL_ROSTER).toEqual([{ level: 2, name: 'Direction de la communication', email: 'direction.communication@example.org', webhook: null }]);
      rmSync(dir, { recursive: true, force: true });
    });
  });

  describe('the office calendar', () => {
    it('starts as Monday to Friday 9:00–18:00 with national holidays', async () => {
      const { data } = await manager.query<{ officeCalendar: { hours: Record<string, { start: string; end: string }[]>; region: string | null; updatedAt: string | null; regions: { code: string }[] } }>(
        'query { officeCalendar { hours { monday { start end } saturday { start end } } region updatedAt regions { code } } }',
      );
      expect(data!.officeCalendar).toMatchObject({ hours: { monday: [{ start: '09:00', end: '18:00' }], saturday: [] }, region: null, updatedAt: null });
      expect(data!.officeCalendar.regions.map((r) => r.code)).toContain('alsace-moselle');
    });

    it('is saved by an administrator, audited with before and after, and used for holidays and office hours', async () => {
      const saved = await admin.query<{ saveOfficeCalendar: { hours: { monday: { start: string }[] }; region: string; regionLabel: string; closures: { label: string }[]; updatedBy: string } }>(
        'mutation($i: OfficeCalendarInput!) { saveOfficeCalendar(input: $i) { hours { monday { start } } region regionLabel closures { label } updatedBy } }',
        { i: calendarInput() },
      );
      expect(saved.errors).toBeUndefined();
      expect(saved.data!.saveOfficeCalendar).toMatchObject({ hours: { monday: [{ start: '09:00' }, { start: '13:30' }] }, region: 'alsace-moselle', closures: [{ label: 'Fermeture exceptionnelle — pont de l’Ascension' }] });
      expect(saved.data!.saveOfficeCalendar.regionLabel).toMatch(/Alsace-Moselle/);
      expect(saved.data!.saveOfficeCalendar.updatedBy).toMatch(/^user:/);

      const audit = await admin.query<{ auditLog: Audit }>(AUDIT);
      const entry = audit.data!.auditLog.entries.find((e) => e.action === 'office_calendar.save')!;
      expect(JSON.parse(entry.before!).region).toBeNull();
      expect(JSON.parse(entry.after!).region).toBe('alsace-moselle');

      const holidays = await manager.query<{ holidays: { date: string; name: string }[] }>('query { holidays(year: 2027) { date name } }');
      expect(holidays.data!.holidays).toContainEqual({ date: '2027-03-26', name: 'Vendredi saint' });
      const national = await manager.query<{ holidays: { date: string }[] }>('query { holidays(year: 2027, region: null) { date } }');
      expect(national.data!.holidays.map((h) => h.date)).not.toContain('2027-03-26');

      const now = await manager.query<{ isOfficeHoursNow: boolean; officeStatus: { open: boolean; summary: string } }>('query { isOfficeHoursNow officeStatus { open summary } }');
      const calendar = { hours: calendarInput().hours, region: 'alsace-moselle', closures: calendarInput().closures } as Parameters<typeof isOfficeHours>[1];
      expect(now.data!.isOfficeHoursNow).toBe(isOfficeHours(new Date(), calendar));
      expect(now.data!.officeStatus.summary).toMatch(now.data!.officeStatus.open ? /^En ce moment : heures de bureau$/ : /^En ce moment : hors heures de bureau/);
    });

    it('refuses an invalid calendar with a French message saying where', async () => {
      const overlap = await admin.query('mutation($i: OfficeCalendarInput!) { saveOfficeCalendar(input: $i) { region } }', {
        i: calendarInput({ hours: { ...calendarInput().hours, tuesday: [{ start: '09:00', end: '13:00' }, { start: '12:00', end: '18:00' }] } }),
      });
      expect(overlap.errors?.[0]).toMatchObject({ message: 'Mardi : Les plages de ce jour se chevauchent.', extensions: { code: 'INVALID_CALENDAR' } });
      const closure = await admin.query('mutation($i: OfficeCalendarInput!) { saveOfficeCalendar(input: $i) { region } }', {
        i: calendarInput({ closures: [{ from: '2026-05-16', to: '2026-05-15', label: 'Pont' }] }),
      });
      expect(closure.errors?.[0]?.message).toBe('Fermeture 1 : La fermeture se termine avant de commencer.');
      const region = await admin.query('mutation($i: OfficeCalendarInput!) { saveOfficeCalendar(input: $i) { region } }', { i: calendarInput({ region: 'bretagne' }) });
      expect(region.errors?.[0]?.message).toBe('Région inconnue.');
    });
  });

  describe('editing the roster', () => {
    it('is refused to a community manager, who may read it without the webhook address', async () => {
      const add = await manager.query('mutation { addOncallMember(input: { level: 1, name: "Lucas", email: "lucas@example.org" }) { id } }');
      expect(add.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(add.errors?.[0]?.message).toBe('Votre rôle ne permet pas cette action.');
      const save = await manager.query('mutation($i: OfficeCalendarInput!) { saveOfficeCalendar(input: $i) { region } }', { i: calendarInput() });
      expect(save.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      const roster = await manager.query<{ oncallRoster: Member[] }>(ROSTER_QUERY);
      const julie = roster.data!.oncallRoster.find((m) => m.name === 'Julie Martin')!;
      for (const mutation of [
        `mutation { updateOncallMember(id: "${julie.id}", input: { name: "J." }) { id } }`,
        `mutation { removeOncallMember(id: "${julie.id}") { id } }`,
        `mutation { reorderOncallMembers(level: 1, ids: ["${julie.id}"]) { id } }`,
      ]) expect((await manager.query(mutation)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      const secret = await manager.query<{ oncallRoster: { webhookUrl: string | null }[] }>('query { oncallRoster { webhookUrl } }');
      expect(secret.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      const forAdmin = await admin.query<{ oncallRoster: { webhookUrl: string | null }[] }>('query { oncallRoster { webhookUrl } }');
      expect(forAdmin.data!.oncallRoster[0]!.webhookUrl).toBe('https://sms.example.org/hooks/julie-secret');
    });

    it('adds, updates, reorders and removes as an administrator, each audited with before and after', async () => {
      const added = await admin.query<{ addOncallMember: Member }>(`mutation($i: NewOnCallMember!) { addOncallMember(input: $i) { ${MEMBER} } }`, {
        i: { level: 1, name: 'Sophie Durand', email: 'Sophie.Durand@example.org', webhookUrl: 'https://chat.example.org/hook/abc' },
      });
      expect(added.errors).toBeUndefined();
      const sophie = added.data!.addOncallMember;
      expect(sophie).toMatchObject({ level: 1, email: 'sophie.durand@example.org', rotationOrder: 2, active: true, webhookHost: 'chat.example.org' });

      const updated = await admin.query<{ updateOncallMember: Member }>(`mutation($id: ID!) { updateOncallMember(id: $id, input: { name: "Sophie D.", webhookUrl: "" }) { ${MEMBER} } }`, { id: sophie.id });
      expect(updated.data!.updateOncallMember).toMatchObject({ name: 'Sophie D.', webhookHost: null });

      const level1 = (await admin.query<{ oncallRoster: Member[] }>(ROSTER_QUERY)).data!.oncallRoster.filter((m) => m.level === 1);
      const order = [sophie.id, ...level1.filter((m) => m.id !== sophie.id).map((m) => m.id)];
      const reordered = await admin.query<{ reorderOncallMembers: Member[] }>('mutation($ids: [ID!]!) { reorderOncallMembers(level: 1, ids: $ids) { id name rotationOrder } }', { ids: order });
      expect(reordered.data!.reorderOncallMembers.map((m) => m.id)).toEqual(order);

      const removed = await admin.query<{ removeOncallMember: Member }>('mutation($id: ID!) { removeOncallMember(id: $id) { name } }', { id: sophie.id });
      expect(removed.data!.removeOncallMember.name).toBe('Sophie D.');

      const entries = (await admin.query<{ auditLog: Audit }>(AUDIT)).data!.auditLog.entries;
      const of = (action: string) => entries.filter((e) => e.action === action);
      expect(JSON.parse(of('oncall.add')[0]!.after!)).toMatchObject({ name: 'Sophie Durand', webhook: 'chat.example.org' });
      expect(JSON.parse(of('oncall.update')[0]!.before!)).toMatchObject({ name: 'Sophie Durand' });
      expect(JSON.parse(of('oncall.update')[0]!.after!)).toMatchObject({ name: 'Sophie D.', webhook: null });
      expect(JSON.parse(of('oncall.reorder')[0]!.after!)[0]).toBe('Sophie D. <sophie.durand@example.org>');
      expect(of('oncall.remove')[0]!.before).toContain('Sophie D.');
      expect(of('oncall.remove')[0]!.targetId).toBe(sophie.id);
      expect(JSON.stringify(entries)).not.toContain('/hook/abc');
    });

    it('refuses invalid members in French', async () => {
      const cases: [Record<string, unknown>, string][] = [
        [{ level: 3, name: 'X', email: 'x@example.org' }, 'Niveau d’astreinte invalide : 1 ou 2.'],
        [{ level: 1, name: '  ', email: 'x@example.org' }, 'Le nom est obligatoire.'],
        [{ level: 1, name: 'x'.repeat(121), email: 'x@example.org' }, 'Le nom dépasse 120 caractères.'],
        [{ level: 1, name: 'X', email: 'x@' }, 'Adresse e-mail invalide.'],
        [{ level: 1, name: 'X', email: 'x@example.org', webhookUrl: 'javascript:alert(1)' }, 'L’adresse du webhook doit être une URL http:// ou https://.'],
        [{ level: 1, name: 'Julie', email: 'JULIE.MARTIN@example.org' }, 'Cette adresse e-mail est déjà dans l’astreinte à ce niveau.'],
      ];
      for (const [input, message] of cases) {
        const result = await admin.query('mutation($i: NewOnCallMember!) { addOncallMember(input: $i) { id } }', { i: input });
        expect(result.errors?.[0]?.message).toBe(message);
      }
    });

    it('keeps console edits of people not in ONCALL_ROSTER across a restart, after the listed ones', async () => {
      const added = await admin.query<{ addOncallMember: Member }>('mutation { addOncallMember(input: { level: 1, name: "Nadia", email: "nadia@example.org" }) { id } }');
      expect(added.errors).toBeUndefined();
      await mod.stop();
      mod = await startModeration({ databaseUrl: database.url, env: { ONCALL_ROSTER: JSON.stringify(ROSTER) } });
      const again = consoleClient(mod.url);
      await again.login(mod.adminEmail, mod.adminPassword);
      const roster = (await again.query<{ oncallRoster: Member[] }>(ROSTER_QUERY)).data!.oncallRoster;
      expect(roster.filter((m) => m.level === 1).map((m) => m.name)).toEqual(['Julie Martin', 'Karim Benali', 'Nadia']);
      admin = again;
    });
  });
});
