import type { LoggerService } from '@nestjs/common';
import type { LogLevel } from '../config/app-config.js';
import { currentCorrelationId } from '../http/request-context.js';

const SEVERITY: Record<LogLevel, number> = { fatal: 60, error: 50, warn: 40, info: 30, debug: 20, trace: 10 };

/** Keys whose values never reach a log, wherever they appear in a logged object. */
const SECRET_KEY = /pass(word|phrase)?$|secret|token|authorization|cookie|receipt|voting_?code/i;

function redact(value: unknown, depth = 0): unknown {
  if (depth > 6 || value === null || typeof value !== 'object') return value;
  if (value instanceof Error) return { name: value.name, message: value.message, stack: value.stack };
  if (Array.isArray(value)) return value.map((item) => redact(item, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    out[key] = SECRET_KEY.test(key) ? '[redacted]' : redact(item, depth + 1);
  }
  return out;
}

export interface LogSink {
  write(line: string): void;
}

/**
 * Structured JSON logs, one object per line on stdout, with the request's correlation id.
 * Implements Nest's LoggerService so framework messages come out the same way.
 */
export class JsonLogger implements LoggerService {
  private readonly threshold: number;

  constructor(
    level: LogLevel,
    private readonly sink: LogSink = process.stdout,
  ) {
    this.threshold = SEVERITY[level];
  }

  log(message: unknown, ...rest: unknown[]): void {
    this.write('info', message, rest);
  }
  error(message: unknown, ...rest: unknown[]): void {
    this.write('error', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]): void {
    this.write('warn', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]): void {
    this.write('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]): void {
    this.write('trace', message, rest);
  }
  fatal(message: unknown, ...rest: unknown[]): void {
    this.write('fatal', message, rest);
  }

  isEnabled(level: LogLevel): boolean {
    return SEVERITY[level] >= this.threshold;
  }

  private write(level: LogLevel, message: unknown, rest: unknown[]): void {
    if (!this.isEnabled(level)) return;
    // Nest passes the context (a class name) as the last string argument and, for errors, a stack.
    const args = [...rest];
    const context = typeof args[args.length - 1] === 'string' ? (args.pop() as string) : undefined;
    const entry: Record<string, unknown> = { level, time: new Date().toISOString() };
    if (context !== undefined) entry['context'] = context;
    const correlationId = currentCorrelationId();
    if (correlationId !== undefined) entry['correlationId'] = correlationId;
    if (typeof message === 'string') {
      entry['msg'] = message;
    } else if (message instanceof Error) {
      entry['msg'] = message.message;
      entry['err'] = redact(message);
    } else if (message !== null && typeof message === 'object') {
      Object.assign(entry, redact(message));
    } else {
      entry['msg'] = String(message);
    }
    for (const extra of args) {
      if (typeof extra === 'string' && level === 'error' && entry['stack'] === undefined) entry['stack'] = extra;
      else if (extra !== undefined) entry['extra'] = redact(extra);
    }
    this.sink.write(`${JSON.stringify(entry)}\n`);
  }
}
