import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { loadConfig } from '@app/shared';
import { ApiModule } from './api.module.js';
import { API_PREFIX, createOpenApiDocument } from './openapi.js';

/**
 * Writes the OpenAPI document without a database: Nest's preview mode reads the routes and DTOs
 * without instantiating any provider. `node …/openapi-export.js [FILE]` (stdout without FILE).
 */
async function main(): Promise<void> {
  const config = loadConfig({ NODE_ENV: 'test' });
  const app = await NestFactory.create(ApiModule.forRoot({ config, databaseUrl: 'postgres://preview.invalid/none' }), new FastifyAdapter(), { preview: true, logger: false, abortOnError: false });
  app.setGlobalPrefix(API_PREFIX);
  const text = `${JSON.stringify(createOpenApiDocument(app), null, 2)}\n`;
  const out = process.argv[2];
  if (out === undefined) process.stdout.write(text);
  else writeFileSync(out, text);
  await app.close();
}

main().catch((error: unknown) => {
  process.stderr.write(`OpenAPI export failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
