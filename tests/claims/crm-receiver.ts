import { createHmac, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedPush {
  headers: http.IncomingHttpHeaders;
  body: string;
  /** The answer given: 2xx accepted, else refused. */
  status: number;
  /** The signature checked here with the shared secret, independently of the hub's code. */
  signatureValid: boolean;
}

/**
 * A stand-in for the landlord's CRM: a real HTTP server that checks each push's signature,
 * accepts each idempotency key once (a repeat is answered 200 without a second record, as a CRM
 * honouring Idempotency-Key would), and can fail on demand (5xx, 4xx) or be down (port closed).
 */
export async function startCrmReceiver(secret: string) {
  const requests: ReceivedPush[] = [];
  const accepted = new Map<string, unknown>();
  const failures: { status: number; body: string; headers?: Record<string, string> }[] = [];
  let counter = 0;

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const timestamp = String(req.headers['x-hub-timestamp'] ?? '');
      const expected = Buffer.from('sha256=' + createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex'));
      const given = Buffer.from(String(req.headers['x-hub-signature-256'] ?? ''));
      const signatureValid = given.length === expected.length && timingSafeEqual(given, expected);
      const failure = failures.shift();
      const key = String(req.headers['idempotency-key'] ?? '');
      let status: number;
      let answer: string;
      if (failure) {
        status = failure.status;
        answer = failure.body;
        res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', ...failure.headers });
      } else if (!signatureValid) {
        status = 401;
        answer = 'signature invalide';
        res.writeHead(status);
      } else {
        if (!accepted.has(key)) accepted.set(key, { ...JSON.parse(body), crmReference: `GRC-${++counter}` });
        status = 201;
        answer = JSON.stringify({ crmReference: (accepted.get(key) as { crmReference: string }).crmReference });
        res.writeHead(status, { 'content-type': 'application/json' });
      }
      requests.push({ headers: req.headers, body, status, signatureValid });
      res.end(answer);
    });
  });

  const listen = (port = 0) => new Promise<number>((resolve) => server.listen(port, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
  const port = await listen();
  const close = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });

  return {
    url: `http://127.0.0.1:${port}/grc/reclamations`,
    requests,
    /** Records by idempotency key: what the CRM holds. */
    accepted,
    /** The next `count` pushes get `status`. */
    failNext(count: number, status: number, body = 'indisponible', headers?: Record<string, string>) {
      for (let i = 0; i < count; i++) failures.push({ status, body, headers });
    },
    /** Closes the port: pushes meet « connection refused ». */
    down: close,
    /** Opens the same port again. */
    up: () => listen(port),
    close,
  };
}

export type CrmReceiver = Awaited<ReturnType<typeof startCrmReceiver>>;

/** What the CRM sends back on POST /claims/status, signed like the hub's pushes. */
export function signedStatusUpdate(secret: string, payload: Record<string, unknown>, timestamp = Date.now()) {
  const body = JSON.stringify(payload);
  const ts = String(timestamp);
  return {
    body,
    headers: {
      'content-type': 'application/json',
      'x-hub-timestamp': ts,
      'x-hub-signature-256': 'sha256=' + createHmac('sha256', secret).update(`${ts}.${body}`).digest('hex'),
    },
  };
}
