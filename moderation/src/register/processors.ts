import type { Recipient } from './register.ts';
import { webhookHost } from '../oncall/validation.ts';

/**
 * The outside parties of the register, from the configuration: each says a host at most, never
 * a path, a query or credentials (an SMTP URL and a webhook URL often hold a password or a token).
 */

/** The host of a URL (`smtp.example.fr:587`), or null when it is not one. */
export function hostOf(url: string): string | null {
  return webhookHost(url);
}

export const meta = (pageNames: string[]): Recipient => ({
  name: 'Meta Platforms Ireland Ltd. (Facebook)',
  role: `Réseau social où les commentaires sont publiés ; le hub lit et modère ceux des Pages ${pageNames.map((n) => `« ${n} »`).join(', ')}.`,
  host: null,
  transfer: null,
});

export const xCorp = (usernames: string[]): Recipient => ({
  name: 'X Corp. (X, anciennement Twitter)',
  role: `Réseau social où les messages sont publiés ; le hub lit et modère les mentions des comptes ${usernames.map((u) => `@${u}`).join(', ')}.`,
  host: null,
  transfer: 'États-Unis : X Corp. traite les données sous sa propre politique, transfert encadré par le cadre de protection des données UE–États-Unis et les clauses contractuelles types de la Commission européenne.',
});

/** The CRM that receives claims, when CLAIMS_WEBHOOK_URL is set. */
export function crm(url: string): Recipient | null {
  if (!url) return null;
  return { name: 'Logiciel de gestion de la relation client (GRC) du bailleur', role: 'Reçoit les réclamations ouvertes depuis la console, pour leur traitement par les services du bailleur.', host: hostOf(url), transfer: null };
}

/** Who carries the on-call e-mails: the SMTP server's host, or the demo's letterbox (files on disk, no one outside). */
export function mailProvider(smtpUrl: string): Recipient {
  if (!smtpUrl) return { name: 'Boîte aux lettres de démonstration', role: 'Les alertes sont écrites en fichiers sur le serveur du hub, aucun envoi réel.', host: null, transfer: null };
  return { name: 'Prestataire d’envoi d’e-mails', role: 'Achemine les alertes envoyées aux personnes d’astreinte.', host: hostOf(smtpUrl) ?? 'adresse illisible', transfer: null };
}

/** The on-call webhooks (SMS or chat provider), one per distinct host. */
export function oncallWebhooks(urls: (string | null)[]): Recipient[] {
  const hosts = [...new Set(urls.map((url) => webhookHost(url)).filter((h): h is string => h !== null))].sort();
  return hosts.map((host) => ({ name: 'Service de notification de l’astreinte (SMS ou messagerie)', role: 'Reçoit les alertes destinées aux personnes d’astreinte.', host, transfer: null }));
}
