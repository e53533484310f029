import { describe, expect, it } from 'vitest';
import { fillTemplate, HOLES } from '../mailing/template';
import { renderNewsletter } from './render';

const newsletter = {
  title: 'La lettre des locataires — mars 2026',
  intro: 'Bonjour à toutes et à tous.\n\nLe printemps arrive <enfin> & les chantiers avancent.',
  articles: [
    { title: 'Les Tilleuls : pose des fenêtres', slug: 'les-tilleuls-fenetres', excerpt: 'Les nouvelles fenêtres arrivent au bâtiment B.' },
    { title: 'Fête des voisins', slug: 'fete-des-voisins', excerpt: null },
  ],
};
const options = { landlord: 'Habitat Val de Loire', publicSiteUrl: 'https://www.bailleur.example/', date: new Date('2026-03-12T09:00:00Z') };

describe('renderNewsletter', () => {
  const mail = renderNewsletter(newsletter, options);

  it('has the title as subject and a French, responsive, table-based HTML part', () => {
    expect(mail.subject).toBe(newsletter.title);
    expect(mail.html).toMatch(/^<!DOCTYPE html>\n<html lang="fr"/);
    expect(mail.html).toContain('name="viewport"');
    expect(mail.html).toContain('role="presentation"');
    expect(mail.html).toContain('@media only screen and (max-width: 620px)');
    expect(mail.html).not.toMatch(/<img/);
    expect(mail.html).toContain('Habitat Val de Loire');
    expect(mail.html).toContain('Lettre d’information du 12 mars 2026');
  });

  it('escapes what the editors typed', () => {
    expect(mail.html).toContain('Le printemps arrive &lt;enfin&gt; &amp; les chantiers avancent.');
    expect(mail.html).not.toContain('<enfin>');
  });

  it('links each article on the public site, in both parts', () => {
    for (const slug of ['les-tilleuls-fenetres', 'fete-des-voisins']) {
      expect(mail.html).toContain(`href="https://www.bailleur.example/articles/${slug}"`);
      expect(mail.text).toContain(`https://www.bailleur.example/articles/${slug}`);
    }
    expect(mail.text).toContain('1. Les Tilleuls : pose des fenêtres');
    expect(mail.text).toContain('Les nouvelles fenêtres arrivent au bâtiment B.');
    expect(mail.text).toContain('Le printemps arrive <enfin> & les chantiers avancent.');
  });

  it('leaves a hole for each recipient’s links, filled (and escaped) per recipient', () => {
    expect(mail.html).toContain(HOLES.unsubscribe);
    expect(mail.text).toContain(HOLES.preferences);
    const filled = fillTemplate(mail, { unsubscribe: 'https://s.example/d?jeton=a&b', preferences: 'https://s.example/p?jeton=c' });
    expect(filled.html).toContain('href="https://s.example/d?jeton=a&amp;b"');
    expect(filled.text).toContain('Me désabonner : https://s.example/d?jeton=a&b');
    expect(filled.text).toContain('Gérer mes abonnements : https://s.example/p?jeton=c');
    expect(filled.html + filled.text).not.toContain('%%HUB_');
  });
});
