import path from 'node:path';
import knexFactory, { type Knex } from 'knex';
import type { ReceivedMail } from '../support/smtp.ts';
import type { TestHub } from '../support/hub.ts';

/** A browser posting a form: same origin, url-encoded, no redirect followed. */
export function postForm(hub: TestHub, pathAndQuery: string, fields: Record<string, string>) {
  return fetch(hub.siteUrl + pathAndQuery, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: hub.siteUrl },
    body: new URLSearchParams(fields).toString(),
    redirect: 'manual',
  });
}

/** The fields a browser would send from the subscription form of a page (hidden ones included). */
export function subscriptionFormFields(html: string): Record<string, string> {
  const form = /<form[^>]*action="\/abonnements\/inscription"[^>]*>([\s\S]*?)<\/form>/.exec(html);
  if (!form) throw new Error('no subscription form on the page');
  const fields: Record<string, string> = {};
  for (const input of form[1]!.matchAll(/<input\b[^>]*>/g)) {
    const name = /name="([^"]*)"/.exec(input[0])?.[1];
    const value = /value="([^"]*)"/.exec(input[0])?.[1] ?? '';
    const type = /type="([^"]*)"/.exec(input[0])?.[1];
    if (!name || ((type === 'radio' || type === 'checkbox') && !/\schecked\b/.test(input[0]))) continue;
    fields[name] = value.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'");
  }
  return fields;
}

/** A link of an e-mail (its text part), pointed at the test site instead of the public address. */
export function linkIn(mail: ReceivedMail, pathname: string, hub: TestHub): string {
  const text = mail.parsed.text ?? '';
  for (const match of text.matchAll(/https?:\/\/\S+/g)) {
    const url = new URL(match[0]);
    if (url.pathname === pathname) return hub.siteUrl + url.pathname + url.search;
  }
  throw new Error(`no ${pathname} link in « ${mail.parsed.subject} »`);
}

/** The List-Unsubscribe URL of an e-mail, pointed at the test site. */
export function listUnsubscribe(mail: ReceivedMail, hub: TestHub): string {
  const header = /^List-Unsubscribe:\s*<([^>]+)>/im.exec(mail.raw)?.[1];
  if (!header) throw new Error('no List-Unsubscribe header');
  const url = new URL(header);
  return hub.siteUrl + url.pathname + url.search;
}

/** The CMS's own SQLite database, read beside the running CMS. */
export function cmsDatabase(hub: TestHub): Knex {
  return knexFactory({ client: 'better-sqlite3', connection: { filename: path.join(hub.dataDir, 'cms.db') }, useNullAsDefault: true });
}
