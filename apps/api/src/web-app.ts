import { existsSync, readdirSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import express, { type NextFunction, type Request, type Response } from 'express';
import type { AppConfig, JsonLogger } from '@app/shared';

/** Paths the web app never answers: the API (its own 404s in the error shape) and socket.io. */
const NOT_THE_APP = /^\/(api|socket\.io)(\/|$)/;

/**
 * Serves the built web app (apps/web → `PNYX_WEB_DIR`, default dist/web) at `/`:
 * - `/assets/*` are content-hashed by Vite: cached for a year, immutable, sent as the Brotli or gzip
 *   copy made at build time when the browser accepts it; a missing one is a 404, never the page
 *   (a stale tab would otherwise parse HTML as JavaScript);
 * - any other GET that accepts HTML gets `index.html` (history fallback for the client router),
 *   revalidated on every visit so a new release is picked up at once.
 * Without a build, those pages say how to build it instead of a bare 404.
 */
export function serveWebApp(app: INestApplication, config: AppConfig, logger: JsonLogger): void {
  const root = resolve(config.webDir);
  const index = join(root, 'index.html');
  const built = existsSync(index);
  if (!built) logger.warn({ msg: 'the web app is not built: / answers 503 until `npm run build`', webDir: root }, 'Web');

  if (built) {
    const assets = join(root, 'assets');
    const compressed = new Set(readdirSync(assets).filter((name) => name.endsWith('.br') || name.endsWith('.gz')));
    app.use('/assets', (request: Request, response: Response, next: NextFunction) => {
      if (request.method !== 'GET' && request.method !== 'HEAD') return next();
      const name = request.path.slice(1);
      // Brotli when the browser takes it (smaller), else gzip: whatever order the header lists them in.
      const encoding =
        request.acceptsEncodings('br') === 'br' && compressed.has(`${name}.br`) ? 'br' : request.acceptsEncodings('gzip') === 'gzip' && compressed.has(`${name}.gz`) ? 'gzip' : null;
      response.setHeader('Vary', 'Accept-Encoding');
      if (encoding === null || name.includes('/')) return next();
      response.type(extname(name));
      response.setHeader('Content-Encoding', encoding);
      response.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
      response.sendFile(join(assets, `${name}.${encoding === 'br' ? 'br' : 'gz'}`), (error) => {
        if (error !== undefined) next(error);
      });
    });
    app.use('/assets', express.static(assets, { index: false, immutable: true, maxAge: '365d', fallthrough: true }));
    app.use('/assets', (_request: Request, response: Response) => {
      response.status(404).type('text/plain').setHeader('Cache-Control', 'no-store');
      response.send('Not found');
    });
    // Other files at the root (icons, robots.txt): short-lived, revalidated. Never looked for on API
    // paths: that would cost every API request a file-system lookup.
    const rootFiles = express.static(root, { index: false, maxAge: 0, setHeaders: (response) => response.setHeader('Cache-Control', 'no-cache') });
    app.use((request: Request, response: Response, next: NextFunction) => {
      if (NOT_THE_APP.test(request.path)) next();
      else void rootFiles(request, response, next);
    });
  }

  app.use((request: Request, response: Response, next: NextFunction) => {
    if ((request.method !== 'GET' && request.method !== 'HEAD') || NOT_THE_APP.test(request.path) || !request.accepts('html')) return next();
    response.setHeader('Cache-Control', 'no-cache');
    if (!built) {
      response.status(503).type('text/plain; charset=utf-8').send('The Pnyx web app is not built. Run `npm run build` (or `npm start`, which builds it), then reload.\n');
      return;
    }
    response.sendFile(index, (error) => {
      if (error !== undefined) next(error);
    });
  });
}
