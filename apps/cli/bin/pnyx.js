#!/usr/bin/env node
// The `pnyx` command: runs the built CLI (`npm run build` first, or use `npm run pnyx -- ...`).
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const entry = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'dist', 'apps', 'cli', 'apps', 'cli', 'src', 'main.js');
if (!existsSync(entry)) {
  process.stderr.write('pnyx is not built yet: run `npm run build` (or use `npm run pnyx -- <command>`).\n');
  process.exit(1);
}
await import(entry);
