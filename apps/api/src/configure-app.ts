import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import express, { type NextFunction, type Request, type Response } from 'express';
import helmet from 'helmet';
import { CommonErrorCode, correlationIdFrom, requestContext, type AppConfig, type ErrorResponseDto, type JsonLogger } from '@app/shared';
import { API_PREFIX, createOpenApiDocument } from './openapi.js';
import { serveWebApp } from './web-app.js';

/**
 * Everything about the HTTP surface that is not a route: used by main.ts and by the e2e tests,
 * so tests exercise exactly what production serves.
 */
export function configureApp(app: INestApplication, config: AppConfig, logger: JsonLogger): void {
  const server = app as NestExpressApplication;
  server.set('trust proxy', config.trustProxy);
  server.disable('x-powered-by');
  app.setGlobalPrefix(API_PREFIX);

  // Correlation id and a structured access log for every request.
  app.use((request: Request, response: Response, next: NextFunction) => {
    const correlationId = correlationIdFrom(request.headers['x-request-id']);
    response.setHeader('X-Request-Id', correlationId);
    const started = process.hrtime.bigint();
    response.on('finish', () => {
      // The path only: query strings are not logged (they could carry personal data).
      logger.log(
        {
          msg: 'request',
          method: request.method,
          path: request.path,
          status: response.statusCode,
          ms: Number(process.hrtime.bigint() - started) / 1e6,
          correlationId,
        },
        'Http',
      );
    });
    requestContext.run({ correlationId }, next);
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
  app.use((request: Request, response: Response, next: NextFunction) => (request.path.startsWith('/api/docs') ? docsHeaders : appHeaders)(request, response, next));
  app.enableCors({
    origin: config.corsOrigins.length === 0 ? false : config.corsOrigins,
    credentials: false,
    maxAge: 600,
    exposedHeaders: ['X-Request-Id', 'Retry-After'],
  });

  // Our own body parsers (Nest's are disabled in main.ts) so their errors get our error shape.
  app.use(express.json({ limit: config.bodyLimitBytes, strict: true }));
  app.use(express.urlencoded({ extended: false, limit: config.bodyLimitBytes }));
  app.use(bodyParserErrorHandler);

  serveWebApp(app, config, logger);

  const document = createOpenApiDocument(app);
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
}

interface BodyParserError {
  type?: string;
  status?: number;
  expose?: boolean;
}

function bodyParserErrorHandler(error: unknown, _request: Request, response: Response, next: NextFunction): void {
  const parserError = (error ?? {}) as BodyParserError;
  if (typeof parserError.type !== 'string' || typeof parserError.status !== 'number') return next(error);
  let body: ErrorResponseDto;
  switch (parserError.type) {
    case 'entity.too.large':
      body = { statusCode: 413, code: CommonErrorCode.PAYLOAD_TOO_LARGE, message: 'The request body is too large' };
      break;
    case 'entity.parse.failed':
      body = { statusCode: 400, code: CommonErrorCode.MALFORMED_JSON, message: 'The request body is not valid JSON' };
      break;
    case 'encoding.unsupported':
    case 'charset.unsupported':
      body = { statusCode: 415, code: CommonErrorCode.UNSUPPORTED_MEDIA_TYPE, message: 'Unsupported body encoding or charset' };
      break;
    default:
      body = { statusCode: 400, code: 'BAD_REQUEST', message: 'The request body could not be read' };
  }
  response.status(body.statusCode).json(body);
}
