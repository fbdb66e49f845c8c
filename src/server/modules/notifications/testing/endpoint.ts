import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A scripted HTTP receiver on 127.0.0.1 for delivery tests (test-only code).
 * Each request takes the next step of the script; the last step repeats.
 */
export type Step =
  | { status: number; body?: string; delayMs?: number }
  /** never answers; the sender's timeout has to end it */
  | 'hang';

export interface ReceivedRequest {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface TestEndpoint {
  url: string;
  received: ReceivedRequest[];
  /** replies actually written with a 2xx status */
  okReplies: number;
  close(): Promise<void>;
}

export async function startEndpoint(script: Step[], path = '/hook'): Promise<TestEndpoint> {
  const received: ReceivedRequest[] = [];
  const state = { okReplies: 0 };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      const step = script[Math.min(received.length - 1, script.length - 1)]!;
      if (step === 'hang') return;
      const answer = () => {
        if (res.destroyed) return;
        res.writeHead(step.status, { 'content-type': 'application/json' });
        res.end(step.body ?? '{}');
        if (step.status >= 200 && step.status < 300) state.okReplies++;
      };
      if (step.delayMs) setTimeout(answer, step.delayMs);
      else answer();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${path}`,
    received,
    get okReplies() {
      return state.okReplies;
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A port nothing listens on: bound once by us, then released. */
export async function closedPortUrl(): Promise<string> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}/dead`;
}
