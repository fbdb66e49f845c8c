import zlib from 'node:zlib';
import type { FastifyCompressOptions } from '@fastify/compress';
import type { FastifyReply } from 'fastify';

/**
 * How answers travel: compressed when the browser accepts it, and the built
 * assets cached for good. Measured in docs/PERFORMANCE.md (bench/first-load.ts).
 *
 * On-the-fly compression is for what changes per response — API JSON, the HTML
 * shell with its nonce: brotli at quality 4 costs about as much CPU as gzip -6
 * and still compresses better; the bundle is compressed once at build time at
 * the highest level. Already-compressed types (xlsx, docx, zip, images) are
 * skipped by @fastify/compress's mime-db check.
 */
export const compressOptions: FastifyCompressOptions = {
  global: true,
  threshold: 1024,
  encodings: ['br', 'gzip'],
  brotliOptions: { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4 } },
  zlibOptions: { level: 6 },
};

/** One year: the longest max-age browsers honour; `immutable` spares even the revalidation on reload. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * Vite names every file under assets/ by its content hash, so a new build
 * makes new names and a cached copy can never be stale. Anything else in the
 * build (favicon, robots.txt) keeps its name across builds: revalidated each
 * time. The HTML shell is never stored (web-shell.ts).
 */
export function staticCacheHeaders(reply: FastifyReply, filePath: string): void {
  const hashed = /[\\/]assets[\\/][^\\/]+-[A-Za-z0-9_-]{8,}\.[a-z0-9]+(\.(br|gz))?$/i.test(filePath);
  reply.header('cache-control', hashed ? IMMUTABLE : 'no-cache');
}
