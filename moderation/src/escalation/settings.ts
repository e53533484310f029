import { z } from 'zod';

/**
 * What makes an item call for the on-call people, editable in the console. The defaults are a
 * starting point for a landlord's crisis procedure, to be tuned with the communication director.
 */
export const escalationSettingsSchema = z.object({
  /** An item whose negative tone (0..1, the charter's classifier) reaches this escalates alone. */
  negativeThreshold: z.number().min(0).max(1),
  /** Charter rules whose match makes an item serious (threats, discrimination…). */
  seriousRuleIds: z.array(z.string().min(1).max(80)).max(50),
  /** Words of emergencies (gas, fire, flood, someone stuck in a lift…), in any spelling. */
  emergencyWords: z.array(z.string().trim().min(2).max(80)).max(200),
  /** Press, local officials…: their handles or names, as authors or named in the text. */
  watchedAccounts: z.array(z.string().trim().min(2).max(80)).max(200),
  /** A spike: `spikeCount` negative items (tone ≥ spikeNegativeScore) in `spikeWindowMinutes` on one scope. */
  spikeCount: z.number().int().min(2).max(1000),
  spikeWindowMinutes: z.number().int().min(1).max(24 * 60),
  spikeNegativeScore: z.number().min(0).max(1),
  /** Minutes level 1 has to acknowledge before level 2 is called. */
  ackMinutes: z.number().int().min(1).max(24 * 60),
  /** Items older than this when read (a backlog after an outage) are flagged, never paged. */
  maxAgeMinutes: z.number().int().min(1).max(7 * 24 * 60),
});

export type EscalationSettings = z.infer<typeof escalationSettingsSchema>;

export const DEFAULT_ESCALATION_SETTINGS: EscalationSettings = {
  negativeThreshold: 0.8,
  seriousRuleIds: ['menaces', 'discriminations'],
  emergencyWords: [
    'gaz',
    'odeur de gaz',
    'fuite de gaz',
    'incendie',
    'au feu',
    'fumée',
    'inondation',
    'inondé',
    'dégât des eaux',
    'bloqué dans l’ascenseur',
    'bloquée dans l’ascenseur',
    'coincé dans l’ascenseur',
    'coincée dans l’ascenseur',
    'personne bloquée',
    'agression',
    'agressé',
    'agressée',
    'danger',
    'dangereux',
    'effondrement',
    'électrocution',
    'court-circuit',
    'monoxyde de carbone',
  ],
  watchedAccounts: [],
  spikeCount: 5,
  spikeWindowMinutes: 10,
  spikeNegativeScore: 0.5,
  ackMinutes: 15,
  maxAgeMinutes: 180,
};

export const ESCALATION_SETTINGS_KEY = 'escalation';
