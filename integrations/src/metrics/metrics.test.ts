import { describe, expect, it } from 'vitest';
import { createMetrics, mayReadMetrics } from './index.ts';

describe('who may read /metrics', () => {
  it('the landlord’s network: loopback and private addresses, IPv4 and IPv6', () => {
    for (const address of ['127.0.0.1', '::1', '::ffff:10.1.2.3', '172.20.0.5', '192.168.1.10', 'fd12::1']) expect(mayReadMetrics(address, undefined, '')).toBe(true);
  });

  it('anyone else only with METRICS_TOKEN as a bearer token, when it is set', () => {
    expect(mayReadMetrics('203.0.113.9', undefined, '')).toBe(false);
    expect(mayReadMetrics('203.0.113.9', 'Bearer jeton-metriques', '')).toBe(false);
    expect(mayReadMetrics('203.0.113.9', 'Bearer mauvais', 'jeton-metriques')).toBe(false);
    expect(mayReadMetrics('203.0.113.9', 'Bearer jeton-metriques', 'jeton-metriques')).toBe(true);
    expect(mayReadMetrics('172.32.0.1', undefined, '')).toBe(false);
  });
});

describe('a process’s metrics', () => {
  it('hold Node’s own and the HTTP durations per route, labelled with the unit', async () => {
    const metrics = createMetrics('site');
    metrics.startTimer('GET')('/articles/[slug]', 200);
    const text = await metrics.registry.metrics();
    expect(text).toContain('process_resident_memory_bytes');
    expect(text).toContain('hub_http_request_duration_seconds_count{unit="site",method="GET",route="/articles/[slug]",status="200"} 1');
  });
});
