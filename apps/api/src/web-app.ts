import { createReadStream, existsSync, readdirSync, readFileSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import { NotFoundException } from '@nestjs/common';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppConfig, JsonLogger } from '@app/shared';

/** Paths the web app never answers: the API (its own 404s in the error shape) and socket.io. */
const NOT_THE_APP = /^\/(api|socket\.io)(\/|$)/;

/** The types Vite's build and our public folder produce. */
const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};
/** A file name we serve: no directories, no dot files. */
const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

function contentType(name: string): string {
  return CONTENT_TYPES[extname(name).toLowerCase()] ?? 'application/octet-stream';
}

/** The encodings this request accepts with a non-zero quality. */
function acceptedEncodings(request: FastifyRequest): Set<string> {
  const header = request.headers['accept-encoding'];
  const accepted = new Set<string>();
  for (const part of (Array.isArray(header) ? header.join(',') : (header ?? '')).split(',')) {
    const [name, ...parameters] = part.trim().toLowerCase().split(';');
    const quality = parameters.map((p) => /^\s*q=([\d.]+)/.exec(p)?.[1]).find((q) => q !== undefined);
    if (name !== undefined && name !== '' && (quality === undefined || Number(quality) > 0)) accepted.add(name);
  }
  return accepted;
}

function acceptsHtml(request: FastifyRequest): boolean {
  const accept = request.headers.accept;
  return accept === undefined || accept.includes('text/html') || accept.includes('*/*');
}

/**
 * Serves the built web app (apps/web → `PNYX_WEB_DIR`, default dist/web) at `/`:
 * - `/assets/*` are content-hashed by Vite: cached for a year, immutable, sent as the Brotli or gzip
 *   copy made at build time when the browser accepts it; a missing one is a 404, never the page
 *   (a stale tab would otherwise parse HTML as JavaScript);
 * - any other GET that accepts HTML gets `index.html` (history fallback for the client router),
 *   revalidated on every visit so a new release is picked up at once.
 * Without a build, those pages say how to build it instead of a bare 404. The files are listed once
 * at start-up: a request never searches the disk.
 */
export function serveWebApp(fastify: FastifyInstance, config: AppConfig, logger: JsonLogger): void {
  const root = resolve(config.webDir);
  const indexFile = join(root, 'index.html');
  const built = existsSync(indexFile);
  if (!built) logger.warn({ msg: 'the web app is not built: / answers 503 until `npm run build`', webDir: root }, 'Web');
  const index = built ? readFileSync(indexFile) : null;
  const assetsDir = join(root, 'assets');
  const assets = new Set(built && existsSync(assetsDir) ? readdirSync(assetsDir) : []);
  const rootFiles = new Set(built ? readdirSync(root, { withFileTypes: true }).filter((entry) => entry.isFile() && entry.name !== 'index.html').map((entry) => entry.name) : []);

  const notFound = (reply: FastifyReply): FastifyReply => reply.status(404).type('text/plain; charset=utf-8').header('Cache-Control', 'no-store').send('Not found');

  fastify.get('/assets/*', (request, reply) => {
    const name = (request.params as { '*': string })['*'];
    void reply.header('Vary', 'Accept-Encoding');
    if (!SAFE_NAME.test(name) || !assets.has(name)) return notFound(reply);
    const accepted = acceptedEncodings(request);
    // Brotli when the browser takes it (smaller), else gzip: whatever order the header lists them in.
    const encoding = accepted.has('br') && assets.has(`${name}.br`) ? 'br' : accepted.has('gzip') && assets.has(`${name}.gz`) ? 'gzip' : null;
    const file = encoding === null ? name : `${name}.${encoding === 'br' ? 'br' : 'gz'}`;
    if (encoding !== null) void reply.header('Content-Encoding', encoding);
    return reply
      .type(contentType(name))
      .header('Cache-Control', 'public, max-age=31536000, immutable')
      .send(createReadStream(join(assetsDir, file)));
  });

  // Other files at the root (icons, robots.txt): short-lived, revalidated. Any other GET that accepts
  // HTML is a page of the app; anything else is a 404 in the API's error shape.
  fastify.get('/*', (request, reply) => {
    const path = request.url.split('?')[0] ?? '/';
    if (NOT_THE_APP.test(path)) throw new NotFoundException(`Cannot ${request.method} ${path}`);
    const name = path.slice(1);
    if (rootFiles.has(name)) return reply.type(contentType(name)).header('Cache-Control', 'no-cache').send(createReadStream(join(root, name)));
    if (!acceptsHtml(request)) throw new NotFoundException(`Cannot ${request.method} ${path}`);
    void reply.header('Cache-Control', 'no-cache');
    if (index === null) {
      return reply.status(503).type('text/plain; charset=utf-8').send('The Pnyx web app is not built. Run `npm run build` (or `npm start`, which builds it), then reload.\n');
    }
    return reply.type('text/html; charset=utf-8').send(index);
  });
}
