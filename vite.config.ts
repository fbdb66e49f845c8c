import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { CSP_NONCE_PLACEHOLDER } from './src/server/http/web-shell';
import { precompress } from './scripts/precompress';

const api = 'http://127.0.0.1:3000';

export default defineConfig({
  root: 'src/web',
  plugins: [react(), precompress()],
  // Vite puts this placeholder on its <script>/<link> tags and in <meta property="csp-nonce">;
  // the server swaps in each response's nonce (src/server/http/web-shell.ts).
  html: { cspNonce: CSP_NONCE_PLACEHOLDER },
  build: {
    outDir: '../../dist/web',
    emptyOutDir: true,
    // antd alone is ~1 MB minified before gzip; the warning would fire on every build without saying anything new.
    chunkSizeWarningLimit: 1500,
  },
  server: {
    proxy: {
      '/api': { target: api, changeOrigin: false },
      '/healthz': { target: api, changeOrigin: false },
    },
  },
});
