import { describe, expect, it } from 'vitest';
import { addedNuisances, articleEvent, isPublication, nuisanceKey } from './events';
import { renderAlert, renderDigest } from './render';

const site = 'https://www.bailleur.example';
const worksite = { documentId: 'ws0000000000000000000001', name: 'Les Tilleuls', slug: 'les-tilleuls' };

describe('isPublication', () => {
  it.each([
    ['publish', {}, true],
    ['create', { status: 'published' }, true],
    ['update', { status: 'published' }, true],
    ['update', {}, false],
    ['create', { status: 'draft' }, false],
    ['unpublish', {}, false],
  ])('%s %j → %s', (action, params, expected) => {
    expect(isPublication(action, params)).toBe(expected);
  });
});

describe('articleEvent', () => {
  it('reaches the worksite first, then the rubrique, keyed by the article', () => {
    const event = articleEvent({ documentId: 'art1', title: 'Fenêtres posées', slug: 'fenetres', excerpt: ' Fini ! ', rubrique: 'rehabilitation', worksite }, site);
    expect(event.key).toBe('article:art1');
    expect(event.topics).toEqual(['worksite:ws0000000000000000000001', 'rubrique:rehabilitation']);
    expect(event.payload).toMatchObject({ url: `${site}/articles/fenetres`, excerpt: 'Fini !', worksite: { url: `${site}/chantiers/les-tilleuls` } });
  });

  it('reaches only the rubrique without a worksite', () => {
    expect(articleEvent({ documentId: 'a', title: 't', slug: 's', rubrique: 'actualites' }, site).topics).toEqual(['rubrique:actualites']);
  });
});

describe('addedNuisances', () => {
  const water = { type: 'coupure_eau' as const, from: '2026-03-12T07:00:00.000Z', to: '2026-03-12T11:00:00.000Z', text: 'Eau coupée bâtiment B.' };
  const noise = { type: 'bruit' as const, from: '2026-03-16T06:00:00.000Z', text: 'Perçage des façades.' };

  it('finds the notices the publication adds, not those already online', () => {
    const events = addedNuisances(worksite, [water], [water, noise], site);
    expect(events.map((e) => e.key)).toEqual([nuisanceKey(worksite.documentId, noise)]);
    expect(events[0]!.topics).toEqual(['worksite:ws0000000000000000000001']);
  });

  it('does not take an edited text for a new notice, but does a new date', () => {
    expect(addedNuisances(worksite, [water], [{ ...water, text: 'Eau coupée (bâtiment B).' }], site)).toEqual([]);
    expect(addedNuisances(worksite, [water], [{ ...water, from: '2026-03-13T07:00:00.000Z' }], site)).toHaveLength(1);
  });
});

describe('alert e-mails', () => {
  const options = { landlord: 'Habitat Val de Loire', publicSiteUrl: site };
  const article = articleEvent({ documentId: 'art1', title: 'Fenêtres posées', slug: 'fenetres', excerpt: 'Fini.', rubrique: 'rehabilitation', worksite }, site).payload;
  const [nuisance] = addedNuisances(worksite, [], [{ type: 'coupure_eau', from: '2026-03-12T07:00:00.000Z', to: null, text: 'Eau coupée.' }], site);

  it('names the worksite and the date, in French, Paris time', () => {
    expect(renderAlert(article, options).subject).toBe('Chantier Les Tilleuls : Fenêtres posées');
    const mail = renderAlert(nuisance!.payload, options);
    expect(mail.subject).toBe('Chantier Les Tilleuls : coupure d’eau le jeudi 12 mars 2026 à 08:00');
    expect(mail.text).toContain('Eau coupée.');
    expect(mail.html).toContain(`href="${site}/chantiers/les-tilleuls"`);
  });

  it('groups the day’s alerts in one digest', () => {
    const mail = renderDigest([article, nuisance!.payload], new Date('2026-03-12T16:00:00Z'), options);
    expect(mail.subject).toBe('Votre résumé du 12 mars 2026 : 2 nouveautés');
    expect(mail.text).toContain('1. Fenêtres posées');
    expect(mail.text).toContain('2. Coupure d’eau : chantier Les Tilleuls');
  });
});
