import { blockHtml, blockText, frameHtml, frameText } from '../mailing/layout';
import { frenchDate, frenchDateTime } from '@hub/integrations/paris-time';
import type { MailTemplate } from '../mailing/template';
import type { AlertPayload, NuisanceAlertPayload, Rubrique } from './events';

export interface AlertMailOptions {
  landlord: string;
  publicSiteUrl: string;
}

export const RUBRIQUE_LABEL: Record<Rubrique, string> = {
  actualites: 'Actualités',
  rehabilitation: 'Réhabilitation',
  construction: 'Construction',
};

export const NUISANCE_LABEL: Record<NuisanceAlertPayload['type'], string> = {
  coupure_eau: 'Coupure d’eau',
  bruit: 'Travaux bruyants',
  acces: 'Accès modifié',
  ascenseur: 'Ascenseur à l’arrêt',
};

/** « le jeudi 12 mars 2026 à 08:00 » or « du … au … ». */
export function period(from: string, to: string | null): string {
  return to ? `du ${frenchDateTime(from)} au ${frenchDateTime(to)}` : `le ${frenchDateTime(from)}`;
}

/** One alert as a block of an e-mail (alone, or among others in a digest). */
function block(alert: AlertPayload) {
  if (alert.kind === 'article') {
    const where = alert.worksite ? `Chantier ${alert.worksite.name}` : `Rubrique ${RUBRIQUE_LABEL[alert.rubrique]}`;
    return { heading: alert.title, url: alert.url, meta: `Nouvel article · ${where}`, lines: [alert.excerpt ?? ''], button: 'Lire l’article' };
  }
  return {
    heading: `${NUISANCE_LABEL[alert.type]} : chantier ${alert.worksite.name}`,
    url: alert.worksite.url,
    meta: `Prévu ${period(alert.from, alert.to)}`,
    lines: [alert.text ?? ''],
    button: 'Voir le chantier',
  };
}

export function alertSubject(alert: AlertPayload): string {
  if (alert.kind === 'article') return alert.worksite ? `Chantier ${alert.worksite.name} : ${alert.title}` : `${RUBRIQUE_LABEL[alert.rubrique]} : ${alert.title}`;
  return `Chantier ${alert.worksite.name} : ${NUISANCE_LABEL[alert.type].toLowerCase()} ${period(alert.from, alert.to)}`;
}

/** The e-mail sent at once to the subscribers who chose « à chaque publication ». */
export function renderAlert(alert: AlertPayload, options: AlertMailOptions): MailTemplate {
  const item = block(alert);
  const reason =
    alert.kind === 'article' && !alert.worksite
      ? `Vous recevez cette alerte parce que vous suivez la rubrique ${RUBRIQUE_LABEL[alert.rubrique]} sur notre site.`
      : `Vous recevez cette alerte parce que vous suivez ce chantier${alert.kind === 'article' ? ' ou cette rubrique' : ''} sur notre site.`;
  const frame = {
    landlord: options.landlord,
    siteUrl: options.publicSiteUrl,
    preheader: item.meta,
    title: alert.kind === 'article' ? 'Nouvelle publication' : 'Gêne prévue sur votre chantier',
    reason,
  };
  return {
    subject: alertSubject(alert),
    html: frameHtml({ ...frame, bodyHtml: blockHtml(item), bodyText: '' }),
    text: frameText({ ...frame, bodyHtml: '', bodyText: blockText(item) }),
  };
}

/** One e-mail a day for the subscribers who chose « un résumé par jour »: every alert of the day for them. */
export function renderDigest(alerts: AlertPayload[], day: Date, options: AlertMailOptions): MailTemplate {
  const items = alerts.map(block);
  const count = alerts.length === 1 ? '1 nouveauté' : `${alerts.length} nouveautés`;
  const frame = {
    landlord: options.landlord,
    siteUrl: options.publicSiteUrl,
    preheader: items.map((i) => i.heading).join(' · '),
    title: `Votre résumé du ${frenchDate(day)}`,
    subtitle: `${count} sur les chantiers et rubriques que vous suivez`,
    reason: 'Vous recevez ce résumé quotidien parce que vous suivez ces chantiers ou rubriques sur notre site.',
  };
  return {
    subject: `Votre résumé du ${frenchDate(day)} : ${count}`,
    html: frameHtml({ ...frame, bodyHtml: items.map(blockHtml).join(''), bodyText: '' }),
    text: frameText({ ...frame, bodyHtml: '', bodyText: items.map((item, i) => blockText(item, i + 1)).join('\n\n') }),
  };
}
