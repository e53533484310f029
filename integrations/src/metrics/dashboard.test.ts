import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..', '..', '..');
const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');
/** Where the hub's own metrics are declared. */
const SOURCES = ['integrations/src/metrics/index.ts', 'moderation/src/metrics/collectors.ts', 'site/server.ts', 'cms/src/hub/metrics.ts'];

describe('the Grafana dashboard (docs/ops/grafana-dashboard.json)', () => {
  it('queries only metrics the processes publish, and docs/ops/README.md lists each of them', () => {
    const declared = new Set(SOURCES.flatMap((file) => [...read(file).matchAll(/name: '(hub_[a-z_]+)'/g)].map((m) => m[1]!)));
    const used = new Set([...read('docs/ops/grafana-dashboard.json').matchAll(/\b(hub_[a-z_]+?)(?:_bucket)?\b/g)].map((m) => m[1]!));
    expect([...used].filter((name) => !declared.has(name))).toEqual([]);
    const documented = read('docs/ops/README.md');
    expect([...declared].filter((name) => !documented.includes(`\`${name}\``))).toEqual([]);
  });
});
