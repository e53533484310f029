import { createMetrics, Gauge, type HubMetrics } from '@hub/integrations/metrics';
import type { Clock } from '../clock.ts';
import type { Db } from '../db/database.ts';

/** States in which an item waits for a person. */
const WAITING = ['new', 'held', 'escalated'];

const seconds = (now: Date, iso: string | null | undefined) => (iso ? Math.max(0, (now.getTime() - new Date(iso).getTime()) / 1000) : 0);

/**
 * The moderation service's metrics (docs/ops/README.md), read from the database at each scrape:
 * every process on the same database reports the same figures, whichever one Prometheus asks.
 */
export function createModerationMetrics(db: Db, clock: Clock): HubMetrics {
  const metrics = createMetrics('moderation');
  const registers = [metrics.registry];

  new Gauge({
    name: 'hub_queue_items',
    help: 'Éléments de la file, par état et par source',
    labelNames: ['state', 'source'] as const,
    registers,
    async collect() {
      const rows = await db.selectFrom('item_counts').select(['state', 'source', (eb) => eb.fn.sum<number>('count').as('n')]).groupBy(['state', 'source']).execute();
      this.reset();
      for (const row of rows) this.set({ state: row.state, source: row.source }, Number(row.n));
    },
  });
  new Gauge({
    name: 'hub_queue_oldest_waiting_seconds',
    help: 'Âge de l’élément le plus ancien qui attend une personne (nouveau, en attente, escaladé)',
    registers,
    async collect() {
      const row = await db.selectFrom('items').select((eb) => eb.fn.min<string>('created_at').as('oldest')).where('state', 'in', WAITING).executeTakeFirst();
      this.set(seconds(clock(), row?.oldest));
    },
  });
  const accountLabels = ['network', 'account'] as const;
  const accounts = () => db.selectFrom('connector_accounts').select(['network', 'name', 'last_poll_at', 'last_success_at', 'rate_limited_until', 'rate_limit_hits', 'token_state']).execute();
  new Gauge({
    name: 'hub_poll_lag_seconds',
    help: 'Temps depuis la dernière lecture réussie, par compte',
    labelNames: accountLabels,
    registers,
    async collect() {
      this.reset();
      const now = clock();
      for (const a of await accounts()) this.set({ network: a.network, account: a.name }, a.last_success_at ? seconds(now, a.last_success_at) : -1);
    },
  });
  new Gauge({
    name: 'hub_poll_last_success_timestamp_seconds',
    help: 'Dernière lecture réussie, par compte (0 : jamais)',
    labelNames: accountLabels,
    registers,
    async collect() {
      this.reset();
      for (const a of await accounts()) this.set({ network: a.network, account: a.name }, a.last_success_at ? new Date(a.last_success_at).getTime() / 1000 : 0);
    },
  });
  new Gauge({
    name: 'hub_rate_limit_waits',
    help: 'Limites de débit rencontrées par compte, et 1 si le compte attend en ce moment',
    labelNames: [...accountLabels, 'kind'] as const,
    registers,
    async collect() {
      this.reset();
      const now = clock().toISOString();
      for (const a of await accounts()) {
        this.set({ network: a.network, account: a.name, kind: 'total' }, Number(a.rate_limit_hits));
        this.set({ network: a.network, account: a.name, kind: 'waiting' }, a.rate_limited_until && a.rate_limited_until > now ? 1 : 0);
      }
    },
  });
  new Gauge({
    name: 'hub_outbox_rows',
    help: 'Actions et envois de l’outbox, par type et par état (retries : tentatives au-delà de la première)',
    labelNames: ['kind', 'state'] as const,
    registers,
    async collect() {
      const rows = await db
        .selectFrom('outbox')
        .select(['kind', 'state', (eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.sum<number>('attempts').as('attempts')])
        .groupBy(['kind', 'state'])
        .execute();
      this.reset();
      for (const row of rows) {
        this.set({ kind: row.kind, state: row.state }, Number(row.n));
        const retries = Number(row.attempts) - Number(row.n);
        if (retries > 0) this.inc({ kind: row.kind, state: 'retries' }, retries);
      }
    },
  });
  new Gauge({
    name: 'hub_outbox_oldest_pending_seconds',
    help: 'Âge de la plus ancienne action en attente d’envoi, par type',
    labelNames: ['kind'] as const,
    registers,
    async collect() {
      const rows = await db.selectFrom('outbox').select(['kind', (eb) => eb.fn.min<string>('created_at').as('oldest')]).where('state', 'in', ['pending', 'in_flight']).groupBy('kind').execute();
      this.reset();
      const now = clock();
      for (const row of rows) this.set({ kind: row.kind }, seconds(now, row.oldest));
    },
  });
  new Gauge({
    name: 'hub_crises',
    help: 'Crises, par état',
    labelNames: ['state'] as const,
    registers,
    async collect() {
      const rows = await db.selectFrom('crises').select(['state', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('state').execute();
      this.reset();
      for (const row of rows) this.set({ state: row.state }, Number(row.n));
    },
  });
  return metrics;
}
