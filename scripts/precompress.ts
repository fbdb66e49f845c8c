import fs from 'node:fs/promises';
import path from 'node:path';
import zlib from 'node:zlib';
import type { Plugin } from 'vite';

/** Text assets worth compressing; images and fonts the bundle might add are compressed already. */
const COMPRESSIBLE = /\.(js|mjs|css|svg|json|txt|map|webmanifest)$/i;
/** Below this a compressed copy saves less than its extra request headers cost. */
const MIN_BYTES = 1024;

/**
 * Writes a .br (quality 11) and a .gz (level 9) copy beside every text asset
 * of the build, once, so the server hands them out as they are
 * (@fastify/static `preCompressed`) instead of compressing the same bundle
 * for every visitor. index.html is left alone: the server rewrites it per
 * response (its CSP nonce), so it is compressed on the fly (@fastify/compress).
 */
export function precompress(): Plugin {
  let outDir = '';
  return {
    name: 'zhongshu-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    async writeBundle() {
      for (const file of await fs.readdir(outDir, { recursive: true })) {
        if (!COMPRESSIBLE.test(file)) continue;
        const full = path.join(outDir, file);
        const data = await fs.readFile(full);
        if (data.length < MIN_BYTES) continue;
        const br = zlib.brotliCompressSync(data, {
          params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: data.length },
        });
        await fs.writeFile(`${full}.br`, br);
        await fs.writeFile(`${full}.gz`, zlib.gzipSync(data, { level: 9 }));
      }
    },
  };
}
