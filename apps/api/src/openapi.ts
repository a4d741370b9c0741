import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, getSchemaPath, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { DELIBERATION_SOCKET_MODELS } from '@app/deliberation';
import { ErrorResponseDto } from '@app/shared';

/** Every REST route is under /api. */
export const API_PREFIX = 'api';

/**
 * The OpenAPI document of the REST API, from the controllers' and DTOs' decorators. Served at
 * /api/docs-json, and the source of the web app's generated client types (`npm run web:api-types`).
 */
export function createOpenApiDocument(app: INestApplication): OpenAPIObject {
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
    // The error shape, and the socket protocol's payloads (typed for the web client too).
    { extraModels: [ErrorResponseDto, ...DELIBERATION_SOCKET_MODELS] },
  );
  // Every operation can fail with the one error shape: say so once, as each operation's default response.
  const error = { description: 'Error: { statusCode, code, message, details?, correlationId? }', content: { 'application/json': { schema: { $ref: getSchemaPath(ErrorResponseDto) } } } };
  for (const item of Object.values(document.paths)) {
    for (const method of ['get', 'put', 'post', 'delete', 'patch'] as const) {
      const operation = item[method];
      if (operation !== undefined) operation.responses = { ...operation.responses, default: operation.responses.default ?? error };
    }
  }
  return document;
}
