import type { DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import helmet from 'helmet';
import { correlationIdFrom, requestContext, type AppConfig, type JsonLogger } from '@app/shared';
import { API_PREFIX, createOpenApiDocument } from './openapi.js';
import { serveWebApp } from './web-app.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the first hook: the X-Request-Id answered and logged. */
    correlationId: string;
  }
}

/**
 * The HTTP server: Nest on Fastify (bench:frameworks measured half Express's CPU per request on the
 * ballot's shape). Used by main.ts and by the tests, so tests exercise exactly what production serves.
 */
export async function createApiApp(module: DynamicModule, config: AppConfig, logger: JsonLogger): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    trustProxy: config.trustProxy,
    bodyLimit: config.bodyLimitBytes,
    // Route parameters are ids; a longer one is a 404 like any unknown route, not a 414.
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
    // Node's own bound on a whole request (Fastify would turn it off): a slow client cannot hold a
    // socket for ever; five minutes leave room for a large roll over a slow link.
    requestTimeout: 300_000,
    // Nest answers with its error shape; Fastify's own logger stays off (JsonLogger logs requests).
    logger: false,
  });
  const app = await NestFactory.create<NestFastifyApplication>(module, adapter, { logger, bodyParser: false, abortOnError: false });
  configureApp(app, config, logger);
  return app;
}

/** Everything about the HTTP surface that is not a route. */
export function configureApp(app: NestFastifyApplication, config: AppConfig, logger: JsonLogger): void {
  const fastify = app.getHttpAdapter().getInstance();
  app.setGlobalPrefix(API_PREFIX);

  // Correlation id and a structured access log for every request.
  fastify.decorateRequest('correlationId', '');
  fastify.addHook('onRequest', (request, reply, done) => {
    request.correlationId = correlationIdFrom(request.headers['x-request-id']);
    void reply.header('X-Request-Id', request.correlationId);
    done();
  });
  fastify.addHook('onResponse', (request, reply, done) => {
    // The path only: query strings are not logged (they could carry personal data).
    logger.log(
      { msg: 'request', method: request.method, path: pathOf(request), status: reply.statusCode, ms: reply.elapsedTime, correlationId: request.correlationId },
      'Http',
    );
    done();
  });
  // The handler (and every await after it) runs inside the request's context, so its log lines carry
  // the id. Entered last, just before the handler: a context entered earlier would not survive the
  // body's stream events.
  fastify.addHook('preHandler', (request, _reply, done) => {
    requestContext.run({ correlationId: request.correlationId }, done);
  });

  // The app's pages load nothing but our own files: scripts, styles, fonts, images and connections
  // (REST and socket.io) from this origin only; no inline script or style, no framing.
  const appHeaders = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        baseUri: ["'self'"],
        connectSrc: ["'self'"],
        fontSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        imgSrc: ["'self'", 'data:'],
        manifestSrc: ["'self'"],
        objectSrc: ["'none'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
      },
    },
  });
  // Swagger UI at /api/docs needs inline styles and scripts of its own bundle.
  const docsHeaders = helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", "'unsafe-inline'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        upgradeInsecureRequests: null,
      },
    },
  });
  // helmet sets headers on the Node response; Fastify merges them into whatever it sends.
  fastify.addHook('onRequest', (request, reply, done) => {
    const headers = pathOf(request).startsWith('/api/docs') ? docsHeaders : appHeaders;
    headers(request.raw, reply.raw, (error?: unknown) => done(error instanceof Error ? error : undefined));
  });
  app.enableCors({
    origin: config.corsOrigins.length === 0 ? false : config.corsOrigins,
    credentials: false,
    maxAge: 600,
    exposedHeaders: ['X-Request-Id', 'Retry-After'],
  });

  registerBodyParsers(fastify);
  serveWebApp(fastify, config, logger);

  const document = createOpenApiDocument(app);
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
}

function pathOf(request: FastifyRequest): string {
  const query = request.url.indexOf('?');
  return query < 0 ? request.url : request.url.slice(0, query);
}

/** A body that is not what its Content-Type says: answered 400 MALFORMED_JSON by the exception filter. */
export class MalformedBodyError extends Error {
  readonly statusCode = 400;
  readonly code = 'MALFORMED_JSON';
  constructor() {
    super('The request body is not valid JSON');
    this.name = 'MalformedBodyError';
  }
}

/**
 * JSON bodies must be an object or an array (like body-parser's `strict`); an empty JSON body is `{}`.
 * Forms (urlencoded) are accepted for the simple routes; multipart is parsed by the upload
 * interceptors. Any other content type with a body gets 415.
 */
function registerBodyParsers(fastify: FastifyInstance): void {
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (_request: FastifyRequest, text: string | Buffer, done: (error: Error | null, body?: unknown) => void) => {
    const body = typeof text === 'string' ? text : text.toString('utf8');
    if (body.trim() === '') return done(null, {});
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      return done(new MalformedBodyError());
    }
    if (parsed === null || typeof parsed !== 'object') return done(new MalformedBodyError());
    done(null, parsed);
  });
  fastify.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request: FastifyRequest, text: string | Buffer, done: (error: Error | null, body?: unknown) => void) => {
    done(null, Object.fromEntries(new URLSearchParams(typeof text === 'string' ? text : text.toString('utf8'))));
  });
  // Large CSV (a city's electoral roll) is streamed to the routes made for it, which read and bound it
  // themselves; elsewhere it is refused like any other unsupported type.
  fastify.addContentTypeParser('text/csv', (request: FastifyRequest, payload: NodeJS.ReadableStream, done: (error: Error | null, body?: unknown) => void) => {
    const config = request.routeOptions.config as { streamedCsv?: boolean } | undefined;
    if (config?.streamedCsv === true) return done(null, payload);
    done(new UnsupportedCsvBodyError());
  });
}

/** A CSV body sent to a route that does not stream CSV: answered 415 UNSUPPORTED_MEDIA_TYPE by the exception filter, as Fastify's own refusal is. */
export class UnsupportedCsvBodyError extends Error {
  readonly statusCode = 415;
  readonly code = 'FST_ERR_CTP_INVALID_MEDIA_TYPE';
  constructor() {
    super('This route does not take text/csv');
    this.name = 'UnsupportedCsvBodyError';
  }
}

