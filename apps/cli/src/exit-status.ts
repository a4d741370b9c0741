import { ConfigError, DomainException } from '@app/shared';

/** What a failed command says on stderr, and its exit status (78: the configuration is wrong). */
export function reportFailure(error: unknown): number {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
    return 78;
  }
  if (error instanceof DomainException) {
    process.stderr.write(`pnyx: ${error.code}: ${error.message}\n`);
    return 1;
  }
  process.stderr.write(`pnyx: ${error instanceof Error ? error.message : String(error)}\n`);
  return 1;
}
