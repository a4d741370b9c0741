import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

/**
 * Brotli and gzip copies of every script and stylesheet, made once at build time at the highest
 * levels; the API sends them to browsers that accept them (apps/api/src/web-app.ts), so no
 * request pays for compression and no proxy is needed for small transfers.
 */
function precompress(): Plugin {
  return {
    name: 'pnyx-precompress',
    apply: 'build',
    closeBundle() {
      const assets = here('../../dist/web/assets');
      for (const name of readdirSync(assets)) {
        if (!/\.(js|css|svg)$/.test(name)) continue;
        const content = readFileSync(join(assets, name));
        writeFileSync(join(assets, `${name}.br`), brotliCompressSync(content, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: content.length } }));
        writeFileSync(join(assets, `${name}.gz`), gzipSync(content, { level: 9 }));
      }
    },
  };
}
const api = process.env.PNYX_API_URL ?? 'http://127.0.0.1:3000';

// The web app (apps/web), built into dist/web and served by the API at `/` (apps/api/src/web-app.ts).
// `npm run dev:web` serves it with hot reload on :5173, proxying the API and socket.io.
export default defineConfig({
  root: here('.'),
  plugins: [react(), precompress()],
  resolve: {
    alias: {
      // Pure code shared with the API (no Node, no Nest): one implementation of the code check.
      '@pure/voting-code-check': here('../../libs/referendum/src/voting-code-check.ts'),
    },
  },
  build: {
    outDir: here('../../dist/web'),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
  },
  server: {
    host: '127.0.0.1',
    port: 5173,
    proxy: {
      '/api': api,
      '/socket.io': { target: api, ws: true },
    },
  },
});
