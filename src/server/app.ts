import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Fastify from 'fastify';
import compress from '@fastify/compress';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import { z } from 'zod';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Deps } from './deps';
import { AppError } from './errors';
import { installAuth } from './http/auth';
import { installErrorHandling } from './http/errors';
import { applyResponseHeaders } from './http/headers';
import { assertQueryDecodes, clientErrorHandler, frameworkErrors } from './http/framework-errors';
import { loggerOptions } from './http/log';
import { assertCleanRequest } from './http/text-check';
import { compressOptions, staticCacheHeaders } from './http/transfer';
import { webShell } from './http/web-shell';
import { plainChineseError } from './http/zod-messages';
import type { App } from './http/app-type';
import { registerModules } from './modules';

// One place for validation wording: plain Chinese, no programming type names (http/zod-messages.ts).
z.config({ localeError: plainChineseError });

declare module 'fastify' {
  interface FastifyInstance {
    routeList: { method: string; url: string }[];
  }
}

export interface BuildOptions {
  /** folder of the built web app (vite build output); served with SPA fallback when present */
  webDir?: string;
  /** log to stdout, or to the given stream (tests read what would be logged) */
  logger?: boolean | { stream: NodeJS.WritableStream };
}

/** Builds the HTTP application from its dependencies; no globals, so tests build as many as they like. */
export async function buildApp(deps: Deps, opts: BuildOptions = {}): Promise<App> {
  const app = Fastify({
    logger: opts.logger
      ? loggerOptions({ level: deps.config.logLevel, stream: typeof opts.logger === 'object' ? opts.logger.stream : undefined })
      : false,
    bodyLimit: deps.config.bodyLimit,
    trustProxy: deps.config.trustProxy,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w-]{8,64}$/.test(given) ? given : crypto.randomUUID();
    },
    ajv: { customOptions: { removeAdditional: false } },
    frameworkErrors,
    clientErrorHandler,
  }).withTypeProvider<ZodTypeProvider>();

  // Every route is recorded so the authorization matrix test can insist each one has an entry.
  const routes: { method: string; url: string }[] = [];
  app.decorate('routeList', routes);
  app.addHook('onRoute', (r) => {
    for (const m of [r.method].flat()) if (m !== 'HEAD') routes.push({ method: m, url: r.url });
  });

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandling(app);

  app.addHook('onRequest', async (req, reply) => {
    reply.header('x-request-id', req.id);
    assertQueryDecodes(req);
  });
  app.addHook('onSend', async (req, reply, payload) => {
    applyResponseHeaders(req, reply);
    return payload;
  });
  // Runs after authentication and body parsing, before any schema: every route's params, query,
  // body and headers are checked, whether or not the route declares a schema for them.
  app.addHook('preValidation', async (req) => assertCleanRequest(req));

  // Before every route, so API answers and the HTML shell are compressed too (http/transfer.ts).
  await app.register(compress, compressOptions);
  await app.register(cookie);
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: () => new AppError('RATE_LIMITED', '请求过于频繁，请稍后再试'),
  });
  await app.register(swagger, {
    openapi: {
      info: { title: '中枢 Zhongshu API', version: '1' },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'zs_session' },
          token: { type: 'http', scheme: 'bearer' },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  installAuth(app, deps);

  app.get('/api/openapi.json', { config: { public: true }, schema: { hide: true } }, async () => app.swagger());
  await registerModules(app, deps);

  const webDir = opts.webDir;
  const hasWeb = webDir && fs.existsSync(path.join(webDir, 'index.html'));
  const sendShell = hasWeb ? webShell(webDir) : null;
  if (hasWeb) {
    // index.html only as the shell (with its nonce and CSP), never as a raw file carrying the placeholder.
    await app.register(fastifyStatic, {
      root: path.resolve(webDir),
      wildcard: false,
      index: false,
      allowedPath: (p) => p !== '/index.html',
      // The build writes .br/.gz beside each asset (scripts/precompress.ts); served as they are.
      preCompressed: true,
      cacheControl: false,
      setHeaders: staticCacheHeaders,
    });
  }
  app.setNotFoundHandler((req, reply) => {
    // Only page routes fall back to the app; a missing asset (old tab after a redeploy) is a plain 404.
    const isAsset = /\.[a-z0-9]+$/i.test(req.url.split('?')[0] ?? '');
    if (req.url.startsWith('/api/') || req.method !== 'GET' || !sendShell || isAsset) {
      return reply
        .status(404)
        .send({ error: { code: 'NOT_FOUND', message: isAsset ? '文件不存在，请刷新页面' : '请求的接口不存在', requestId: req.id } });
    }
    return sendShell(reply);
  });
  return app;
}
