import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url));
const api = process.env.PNYX_API_URL ?? 'http://127.0.0.1:3000';

// The web app (apps/web), built into dist/web and served by the API at `/` (apps/api/src/web-app.ts).
// `npm run dev:web` serves it with hot reload on :5173, proxying the API and socket.io.
export default defineConfig({
  root: here('.'),
  plugins: [react()],
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
    // One report per build: bench:web reads the sizes of what each route loads.
    manifest: true,
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
