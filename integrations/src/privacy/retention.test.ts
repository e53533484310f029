import { describe, expect, it } from 'vitest';
import { describePeriod, readRetention, retentionCutoff, retentionVariable } from './retention.ts';

describe('retention periods', () => {
  it('names each variable after its key', () => {
    expect(retentionVariable('claimPersonalFields')).toBe('RETENTION_CLAIM_PERSONAL_FIELDS_DAYS');
  });

  it('takes the defaults, and an operator’s value in days', () => {
    const periods = readRetention({ RETENTION_REFUSED_ITEMS_DAYS: '30' });
    expect(periods.refusedItems).toBe(30);
    expect(periods.queueItems).toBe(365);
  });

  it('refuses a value that is not a whole number of days, naming the variable in French', () => {
    expect(() => readRetention({ RETENTION_LOG_FILES_DAYS: 'six mois' })).toThrow(/RETENTION_LOG_FILES_DAYS/);
    expect(() => readRetention({ RETENTION_LOG_FILES_DAYS: '0' })).toThrow(/au moins 1 jour/);
  });

  it('counts the cutoff back from the clock', () => {
    const periods = readRetention({});
    expect(retentionCutoff(periods, 'visitorHashes', new Date('2030-03-10T12:00:00Z')).toISOString()).toBe('2030-03-03T12:00:00.000Z');
  });

  it('says the period as a person would', () => {
    expect([describePeriod(365), describePeriod(730), describePeriod(90), describePeriod(7)]).toEqual(['1 an', '2 ans', '3 mois', '7 jours']);
  });
});
