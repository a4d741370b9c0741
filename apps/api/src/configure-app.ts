import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import express, { type NextFunction, type Request, type Response } from 'express';
import helmet from 'helmet';
import { CommonErrorCode, correlationIdFrom, requestContext, type AppConfig, type ErrorResponseDto, type JsonLogger } from '@app/shared';

/**
 * Everything about the HTTP surface that is not a route: used by main.ts and by the e2e tests,
 * so tests exercise exactly what production serves.
 */
export function configureApp(app: INestApplication, config: AppConfig, logger: JsonLogger): void {
  const server = app as NestExpressApplication;
  server.set('trust proxy', config.trustProxy);
  server.disable('x-powered-by');
  app.setGlobalPrefix('api');

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

  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          // Swagger UI at /api/docs needs inline styles and scripts of its own bundle.
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'", "'unsafe-inline'"],
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:'],
        },
      },
    }),
  );
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

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Pnyx API')
      .setDescription(
        'Citizen-assembly engine: sortition, agenda, deliberation, majority-judgment voting, citizen votes. ' +
          'Errors always have the shape { statusCode, code, message, details?, correlationId? } with a stable code.',
      )
      .setVersion('0.1.0')
      .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
      .build(),
  );
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
