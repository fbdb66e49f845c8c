import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyReply } from 'fastify';

/**
 * The HTML shell under a Content-Security-Policy. Scripts come only from our
 * own origin (the built bundle has no inline script). antd writes its
 * CSS-in-JS into <style> elements at run time, so style-src allows those that
 * carry this response's nonce: Vite's `html.cspNonce` (vite.config.ts) puts
 * the placeholder on its tags and in `<meta property="csp-nonce">`, the server
 * replaces it per response, and main.tsx hands it to antd's ConfigProvider.
 */
export const CSP_NONCE_PLACEHOLDER = '__ZS_CSP_NONCE__';

export function contentSecurityPolicy(nonce: string): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    `style-src 'self' 'nonce-${nonce}'`,
    // No data: or blob: images or fonts: the bundle uses neither (checked in Chromium, test/e2e/csp.e2e.ts).
    "img-src 'self'",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "frame-ancestors 'none'",
    "form-action 'self'",
  ].join('; ');
}

/** Reads index.html once (it changes only with a new build, which restarts the server). */
export function webShell(webDir: string): (reply: FastifyReply) => FastifyReply {
  const html = fs.readFileSync(path.join(webDir, 'index.html'), 'utf8');
  return (reply) => {
    const nonce = crypto.randomBytes(16).toString('base64');
    return reply
      .header('content-security-policy', contentSecurityPolicy(nonce))
      // The nonce is this response's alone; a cached copy would reuse it.
      .header('cache-control', 'no-store')
      .type('text/html; charset=utf-8')
      .send(html.replaceAll(CSP_NONCE_PLACEHOLDER, nonce));
  };
}
