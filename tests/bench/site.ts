/**
 * `npm run bench`: how fast the site serves its pages compared with the machine's ceiling.
 * For the home page, an article and a worksite: autocannon (10 connections, 10 s) against the
 * running site, then against a bare node:http server sending the same bytes.
 */
import http from 'node:http';
import autocannon from 'autocannon';
import { demoContent } from '../../cms/src/seed/content.ts';
import { ensureBuilt } from '../../scripts/stack/build.ts';
import { startTestHub } from '../support/hub.ts';
import { freePort } from '../support/ports.ts';

const CONNECTIONS = 10;
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 10);

interface Figures {
  rps: number;
  p99: number;
  errors: number;
}

async function load(url: string): Promise<Figures> {
  const result = await autocannon({ url, connections: CONNECTIONS, duration: DURATION_S });
  return { rps: result.requests.average, p99: result.latency.p99, errors: result.errors + result.non2xx };
}

async function ceiling(body: Buffer, contentType: string): Promise<Figures> {
  const port = await freePort();
  const server = http.createServer((_, res) => {
    res.writeHead(200, { 'content-type': contentType, 'content-length': body.length });
    res.end(body);
  });
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
  try {
    return await load(`http://127.0.0.1:${port}/`);
  } finally {
    server.close();
  }
}

async function main() {
  ensureBuilt();
  const hub = await startTestHub();
  const worksite = demoContent.worksites.find((w) => w.status === 'en_cours')!;
  const article = demoContent.articles[0]!;
  const pages: [string, string][] = [
    ['accueil', '/'],
    ['article', `/articles/${article.slug}`],
    ['chantier', `/chantiers/${worksite.slug}`],
  ];
  const rows: string[] = [];
  try {
    for (const [name, path] of pages) {
      const url = hub.siteUrl + path;
      const first = await fetch(url);
      const body = Buffer.from(await first.arrayBuffer());
      const site = await load(url);
      const bare = await ceiling(body, first.headers.get('content-type') ?? 'text/html');
      const ratio = ((site.rps / bare.rps) * 100).toFixed(0);
      rows.push(
        `${name.padEnd(9)} ${String(body.length).padStart(7)} o | site ${site.rps.toFixed(0).padStart(6)} req/s p99 ${String(site.p99).padStart(3)} ms` +
          ` | node:http ${bare.rps.toFixed(0).padStart(6)} req/s p99 ${String(bare.p99).padStart(3)} ms | ${ratio} % du plafond` +
          (site.errors ? ` | ${site.errors} erreurs` : ''),
      );
    }
  } finally {
    await hub.stop();
  }
  console.log(`\nSite public — autocannon ${CONNECTIONS} connexions, ${DURATION_S} s par mesure (cache de pages chaud)\n`);
  for (const row of rows) console.log(row);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
