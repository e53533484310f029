/**
 * The landlord's office calendar: opening ranges per weekday (Paris time), the region whose
 * public holidays apply, and exceptional closures. Validated with zod; messages in French.
 */
import { z } from 'zod';
import { HubError } from '../errors.ts';
import { REGION_CODES, type Region } from './holidays.ts';

export const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;
export type Weekday = (typeof WEEKDAYS)[number];
export const WEEKDAY_LABELS: Record<Weekday, string> = {
  monday: 'lundi',
  tuesday: 'mardi',
  wednesday: 'mercredi',
  thursday: 'jeudi',
  friday: 'vendredi',
  saturday: 'samedi',
  sunday: 'dimanche',
};

/** `start` included, `end` excluded, both HH:MM Paris time; `end` may be 24:00. */
export interface TimeRange {
  start: string;
  end: string;
}

/** Closed all day from `from` to `to` included (YYYY-MM-DD, Paris days). */
export interface Closure {
  from: string;
  to: string;
  label: string;
}

export interface OfficeCalendar {
  hours: Record<Weekday, TimeRange[]>;
  /** null: national holidays only. */
  region: Region | null;
  closures: Closure[];
}

const WORKDAY: TimeRange[] = [{ start: '09:00', end: '18:00' }];

/** Monday to Friday, 9:00 to 18:00, national holidays, no closure. */
export const DEFAULT_CALENDAR: OfficeCalendar = {
  hours: { monday: WORKDAY, tuesday: WORKDAY, wednesday: WORKDAY, thursday: WORKDAY, friday: WORKDAY, saturday: [], sunday: [] },
  region: null,
  closures: [],
};

export const MAX_RANGES_PER_DAY = 6;
export const MAX_CLOSURES = 200;
const MAX_CLOSURE_DAYS = 366;

export const toMinutes = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

const time = (what: string, allowMidnightEnd: boolean) =>
  z.string({ error: `${what} manquante.` }).regex(allowMidnightEnd ? /^(([01]\d|2[0-3]):[0-5]\d|24:00)$/ : /^([01]\d|2[0-3]):[0-5]\d$/, {
    error: `${what} invalide : format attendu HH:MM (par exemple 09:00).`,
  });

const day = z
  .string({ error: 'Date manquante.' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'Date invalide : format attendu AAAA-MM-JJ.' })
  .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value), { error: 'Cette date n’existe pas.' });

const range = z.object({ start: time('Heure d’ouverture', false), end: time('Heure de fermeture', true) }).refine((r) => toMinutes(r.start) < toMinutes(r.end), {
  error: 'L’heure de fermeture doit être après l’heure d’ouverture.',
});

const ranges = z
  .array(range)
  .max(MAX_RANGES_PER_DAY, { error: `Au plus ${MAX_RANGES_PER_DAY} plages par jour.` })
  .transform((list) => [...list].sort((a, b) => toMinutes(a.start) - toMinutes(b.start)))
  .refine((list) => list.every((r, i) => i === 0 || toMinutes(list[i - 1]!.end) <= toMinutes(r.start)), { error: 'Les plages de ce jour se chevauchent.' });

const closure = z
  .object({
    from: day,
    to: day,
    label: z.string({ error: 'Libellé manquant.' }).trim().min(1, { error: 'Le libellé de la fermeture est obligatoire.' }).max(120, { error: 'Le libellé de la fermeture dépasse 120 caractères.' }),
  })
  .refine((c) => c.from <= c.to, { error: 'La fermeture se termine avant de commencer.' })
  .refine((c) => Date.parse(c.to) - Date.parse(c.from) <= MAX_CLOSURE_DAYS * 86_400_000, { error: `Une fermeture dure au plus ${MAX_CLOSURE_DAYS} jours.` });

export const calendarSchema = z
  .object({
    hours: z.object(Object.fromEntries(WEEKDAYS.map((d) => [d, ranges])) as Record<Weekday, typeof ranges>),
    region: z.enum(REGION_CODES as [Region, ...Region[]], { error: 'Région inconnue.' }).nullable(),
    closures: z
      .array(closure)
      .max(MAX_CLOSURES, { error: `Au plus ${MAX_CLOSURES} fermetures exceptionnelles.` })
      .transform((list) => [...list].sort((a, b) => a.from.localeCompare(b.from))),
  })
  .refine((c) => WEEKDAYS.some((d) => c.hours[d].length > 0), { error: 'Le bureau doit ouvrir au moins une plage dans la semaine.' });

/** Where in the calendar a problem is, in words: « Mardi, plage 2 », « Fermeture 1 ». */
function place(path: PropertyKey[]): string {
  const [section, key, index] = path;
  if (section === 'hours' && typeof key === 'string') {
    const name = WEEKDAY_LABELS[key as Weekday] ?? key;
    const dayName = name.charAt(0).toUpperCase() + name.slice(1);
    return typeof index === 'number' ? `${dayName}, plage ${index + 1} : ` : `${dayName} : `;
  }
  if (section === 'closures' && typeof key === 'number') return `Fermeture ${key + 1} : `;
  return '';
}

/** A valid calendar, or a HubError INVALID_CALENDAR saying in French what is wrong and where. */
export function parseCalendar(value: unknown): OfficeCalendar {
  const parsed = calendarSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  throw new HubError('INVALID_CALENDAR', { message: `${place(issue.path)}${issue.message}`, detail: JSON.stringify(parsed.error.issues) });
}
