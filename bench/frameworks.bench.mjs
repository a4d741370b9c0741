// npm run bench:frameworks — Nest on Express against Nest on Fastify, side by side, on the shape of a
// ballot request without the database: a global ValidationPipe on a JSON body (class-validator), a
// guard verifying an HMAC-signed bearer token, a correlation id set on every response, a JSON answer.
// Each framework serves from a process of its own; the figure that matters is the server's CPU per
// request (from /proc), which is what the framework adds to every request of the real API.
import 'reflect-metadata';
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { createHmac, randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { apiCpuSeconds, freePort, machine, recordResult } from './support.mjs';

const SECRET = 'frameworks-bench-secret';
const sign = (payload) => `${payload}.${createHmac('sha256', SECRET).update(payload).digest('base64url')}`;

async function serve(kind, port) {
  const { Body, Controller, Module, Param, Post, UseGuards, ValidationPipe } = await import('@nestjs/common');
  const { NestFactory } = await import('@nestjs/core');
  const { IsObject, IsOptional, IsString, MaxLength } = await import('class-validator');

  class CastBallotDto {}
  IsObject()(CastBallotDto.prototype, 'grades');
  IsOptional()(CastBallotDto.prototype, 'note');
  IsString()(CastBallotDto.prototype, 'note');
  MaxLength(200)(CastBallotDto.prototype, 'note');

  class TokenGuard {
    canActivate(context) {
      const header = context.switchToHttp().getRequest().headers.authorization ?? '';
      const [payload, signature] = header.replace(/^Bearer /, '').split('.');
      return payload !== undefined && signature === createHmac('sha256', SECRET).update(payload).digest('base64url');
    }
  }

  class BallotController {
    cast(id, body) {
      return { pollId: id, receipt: randomUUID(), grades: Object.keys(body.grades).length };
    }
  }
  Controller('polls')(BallotController);
  const method = Object.getOwnPropertyDescriptor(BallotController.prototype, 'cast');
  Reflect.defineMetadata('design:paramtypes', [String, CastBallotDto], BallotController.prototype, 'cast');
  Param('id')(BallotController.prototype, 'cast', 0);
  Body()(BallotController.prototype, 'cast', 1);
  UseGuards(TokenGuard)(BallotController.prototype, 'cast', method);
  Post(':id/ballots')(BallotController.prototype, 'cast', method);

  class BenchModule {}
  Module({ controllers: [BallotController] })(BenchModule);

  let app;
  if (kind === 'express') {
    const { ExpressAdapter } = await import('@nestjs/platform-express');
    app = await NestFactory.create(BenchModule, new ExpressAdapter(), { logger: false });
    app.use((request, response, next) => {
      response.setHeader('X-Request-Id', request.headers['x-request-id'] ?? randomUUID());
      next();
    });
  } else {
    const { FastifyAdapter } = await import('@nestjs/platform-fastify');
    app = await NestFactory.create(BenchModule, new FastifyAdapter(), { logger: false });
    app
      .getHttpAdapter()
      .getInstance()
      .addHook('onRequest', (request, reply, done) => {
        reply.header('X-Request-Id', request.headers['x-request-id'] ?? randomUUID());
        done();
      });
  }
  app.setGlobalPrefix('api');
  app.useGlobalPipes(new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true }));
  await app.listen(port, '127.0.0.1');
  process.send?.('ready');
}

async function measure(kind, connections, duration) {
  const port = await freePort();
  const child = spawn(process.execPath, [fileURLToPath(import.meta.url), 'serve', kind, String(port)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  await new Promise((resolve, reject) => {
    child.once('message', resolve);
    child.once('exit', (code) => reject(new Error(`${kind} server exited with ${code}`)));
  });
  const server = { child };
  const options = {
    url: `http://127.0.0.1:${port}/api/polls/${randomUUID()}/ballots`,
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${sign(randomUUID())}` },
    body: JSON.stringify({ grades: { a: 1, b: 2, c: 3, d: 4, e: 5 }, note: 'bench' }),
    connections,
  };
  await autocannon({ ...options, duration: 2 }); // warm-up
  const before = await apiCpuSeconds(server);
  const result = await autocannon({ ...options, duration });
  const cpu = (await apiCpuSeconds(server)) - before;
  child.kill('SIGTERM');
  return {
    kind,
    requestsPerSecond: Math.round(result.requests.average),
    p99: result.latency.p99,
    errors: result.non2xx + result.errors,
    cpuMsPerRequest: Number(((cpu * 1000) / Math.max(1, result['2xx'])).toFixed(3)),
  };
}

if (process.argv[2] === 'serve') {
  await serve(process.argv[3], Number(process.argv[4]));
} else {
  const connections = Number(process.env.BENCH_CONNECTIONS ?? 64);
  const duration = Number(process.env.BENCH_SECONDS ?? 10);
  const express = await measure('express', connections, duration);
  const fastify = await measure('fastify', connections, duration);
  console.log(JSON.stringify({ express, fastify }));
  await recordResult(
    'bench:frameworks — Nest on Express vs Nest on Fastify, the ballot request without the database',
    ['date', 'machine', 'command', 'connections × s', 'Express req/s', 'Express CPU ms per request', 'Fastify req/s', 'Fastify CPU ms per request', 'non-2xx'],
    [
      new Date().toISOString().slice(0, 10),
      machine(),
      '`npm run bench:frameworks`',
      `${connections} × ${duration}`,
      express.requestsPerSecond,
      express.cpuMsPerRequest,
      fastify.requestsPerSecond,
      fastify.cpuMsPerRequest,
      express.errors + fastify.errors,
    ],
  );
}
