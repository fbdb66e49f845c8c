import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * Headers on every answer, set in onSend, and by frameworkErrors too (the
 * router's own replies skip the hooks). The HTML shell adds its CSP
 * (web-shell.ts).
 */
export function applyResponseHeaders(req: FastifyRequest, reply: FastifyReply): void {
  reply.header('x-content-type-options', 'nosniff');
  reply.header('x-frame-options', 'DENY');
  reply.header('referrer-policy', 'same-origin');
  // API answers are per user and change with every write: never stored by a browser or proxy.
  // Routes that set their own (attachment downloads) keep it; hashed assets stay cacheable.
  if (req.url.startsWith('/api/') && !reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
}
