import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGraphEmulator, type GraphEmulator } from '@hub/emulators';
import { signBody } from '@hub/integrations/contracts';
import { startModeration, type TestModeration } from '../support/moderation.ts';
import { startSmtpSink, type SmtpSink } from '../support/smtp.ts';
import { eventually } from '../support/wait.ts';

/**
 * A leak reported on a Facebook Page on a Sunday night, end to end: the real SDK reads the
 * emulated Page, the charter sees a tenant's urgent request, the claim is opened at once and
 * pushed (signed) to the CRM, the tenant gets the reference in a public reply on the Page, and
 * the on-call person is e-mailed.
 */
const PAGE = { id: '2097152', name: 'Habitat Val de Loire', accessToken: 'page-token' };
const TENANT = { id: '910001', name: 'Sophie Leroy' };
const LEAK = 'Bonsoir, grosse fuite d’eau au plafond de la salle de bain, l’appartement est inondé, pouvez-vous envoyer quelqu’un ? Résidence Les Tilleuls';

describe('a leak reported on Sunday night', () => {
  let graph: GraphEmulator;
  let sink: SmtpSink;
  let mod: TestModeration;
  let crm: http.Server;
  const pushes: { headers: http.IncomingHttpHeaders; body: string }[] = [];
  const stops: (() => Promise<void>)[] = [];
  // The service's clock and the Page's: Sunday 22:30 in Paris, flowing at real speed.
  const started = Date.now();
  const now = () => Date.parse('2026-11-29T21:30:00Z') + (Date.now() - started);

  beforeAll(async () => {
    process.env.NO_PROXY = '127.0.0.1,localhost';
    graph = createGraphEmulator({ pages: [PAGE] });
    const g = await graph.start();
    stops.push(g.close);
    sink = await startSmtpSink();
    crm = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        pushes.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        res.writeHead(201, { 'content-type': 'application/json' }).end('{"id":"GRC-1"}');
      });
    });
    await new Promise<void>((r) => crm.listen(0, '127.0.0.1', r));
    mod = await startModeration({
      clock: () => new Date(now()),
      env: {
        FACEBOOK_GRAPH_URL: g.url,
        FACEBOOK_PAGES: JSON.stringify([PAGE]),
        SOCIAL_POLL_SECONDS: '1',
        OUTBOX_POLL_MS: '50',
        SMTP_URL: sink.url,
        ONCALL_ROSTER: JSON.stringify([{ level: 1, name: 'Julie Martin', email: 'julie.martin@bailleur.example' }]),
        CLAIMS_WEBHOOK_URL: `http://127.0.0.1:${(crm.address() as { port: number }).port}/reclamations`,
        CLAIMS_WEBHOOK_SECRET: 'crm-secret',
      },
    });
  });

  afterAll(async () => {
    await mod?.stop();
    await sink?.close();
    await new Promise((r) => crm.close(r));
    for (const stop of stops) await stop();
  });

  it('becomes a claim pushed to the CRM, a public reply with the reference, and an on-call e-mail', async () => {
    const post = graph.addPost(PAGE.id, { message: 'Travaux de la résidence Les Tilleuls : point d’étape', createdTime: now() - 3_600_000 });
    const comment = graph.addComment(PAGE.id, post.id, { from: TENANT, message: LEAK, createdTime: now() });

    const { value: push } = await eventually(async () => pushes[0], 15_000);
    const claim = JSON.parse(push.body) as { reference: string; category: string; authorHandle?: string };
    expect(claim.reference).toMatch(/^REC-2026-\d{6}$/);
    expect(claim.category).toBe('fuite_degat_des_eaux');
    expect(push.headers['x-hub-signature-256']).toBe(signBody('crm-secret', String(push.headers['x-hub-timestamp']), push.body));
    expect(push.headers['idempotency-key']).toBeTruthy();

    const { value: reply } = await eventually(async () => graph.repliesOf(comment.id).find((r) => r.message.includes(claim.reference)), 10_000);
    expect(reply.message).toMatch(/message privé|formulaire de contact/);
    expect(reply.message).not.toMatch(/votre (numéro|téléphone|adresse)\s*\?/i);

    const [mail] = await sink.waitFor(1, 'julie.martin@bailleur.example');
    expect(mail!.parsed.subject).toMatch(/mots d’urgence/);
    expect(mail!.parsed.text).toContain('Une réclamation est ouverte automatiquement');

    await new Promise((r) => setTimeout(r, 1500));
    expect(pushes).toHaveLength(1);
    expect(graph.repliesOf(comment.id).filter((r) => r.message.includes(claim.reference))).toHaveLength(1);
  });
});
