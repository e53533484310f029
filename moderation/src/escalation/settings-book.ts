import { randomBytes } from 'node:crypto';
import { audit } from '../audit/audit.ts';
import type { Db } from '../db/database.ts';
import { HubError } from '../errors.ts';
import { readSetting, readSettingRow, writeSetting } from '../settings/store.ts';
import { DEFAULT_ESCALATION_SETTINGS, ESCALATION_SETTINGS_KEY, escalationSettingsSchema, type EscalationSettings } from './settings.ts';
import type { Clock } from '../clock.ts';

const ACK_SECRET_KEY = 'oncall_ack_secret';

const FIELD_LABELS: Record<string, string> = {
  negativeThreshold: 'ton négatif d’un message seul (entre 0 et 1)',
  seriousRuleIds: 'règles graves',
  emergencyWords: 'mots d’urgence (2 à 80 caractères chacun)',
  watchedAccounts: 'comptes surveillés (2 à 80 caractères chacun)',
  spikeCount: 'nombre de messages d’un afflux (au moins 2)',
  spikeWindowMinutes: 'durée d’un afflux (1 minute à 24 heures)',
  spikeNegativeScore: 'ton négatif compté dans un afflux (entre 0 et 1)',
  ackMinutes: 'délai avant le niveau 2 (1 minute à 24 heures)',
  maxAgeMinutes: 'âge maximal d’un message pour appeler',
};

/** The escalation settings in the database (defaults until an administrator saves them). */
export function createEscalationSettings({ db, clock }: { db: Db; clock: Clock }) {
  async function read(): Promise<EscalationSettings> {
    const stored = await readSetting<unknown>(db, ESCALATION_SETTINGS_KEY, null);
    const parsed = escalationSettingsSchema.safeParse(stored);
    return parsed.success ? parsed.data : DEFAULT_ESCALATION_SETTINGS;
  }

  async function save(input: unknown, actor: string): Promise<EscalationSettings> {
    const parsed = escalationSettingsSchema.safeParse(input);
    if (!parsed.success) {
      const fields = [...new Set(parsed.error.issues.map((i) => FIELD_LABELS[String(i.path[0])] ?? String(i.path[0])))].join(', ');
      throw new HubError('INVALID_INPUT', { message: `Réglages d’escalade invalides : ${fields}.` });
    }
    const at = clock().toISOString();
    await db.transaction().execute(async (trx) => {
      const before = await readSettingRow<unknown>(trx, ESCALATION_SETTINGS_KEY);
      await writeSetting(trx, ESCALATION_SETTINGS_KEY, parsed.data, { actor, at });
      await audit(trx, { actor, action: 'escalation.settings', targetType: 'settings', targetId: ESCALATION_SETTINGS_KEY, before: before?.value ?? DEFAULT_ESCALATION_SETTINGS, after: parsed.data, at });
    });
    return parsed.data;
  }

  /**
   * The key signing acknowledgement links, made once and kept in the database so that every
   * worker and every restart accept the links already sent.
   */
  let secret: string | undefined;
  async function ackSecret(): Promise<string> {
    if (secret) return secret;
    const existing = await readSetting<string | null>(db, ACK_SECRET_KEY, null);
    if (existing) return (secret = existing);
    await db
      .insertInto('settings')
      .values({ key: ACK_SECRET_KEY, value: JSON.stringify(randomBytes(32).toString('base64url')), updated_at: clock().toISOString(), updated_by: 'system' })
      .onConflict((oc) => oc.column('key').doNothing())
      .execute();
    return (secret = (await readSetting<string | null>(db, ACK_SECRET_KEY, null))!);
  }

  return { read, save, ackSecret };
}
