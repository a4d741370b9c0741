// Preloaded into the API by bench:deliberation (NODE_OPTIONS=--import=...): on SIGUSR2, collect
// garbage and write the process's memory use to $PNYX_HEAP_PROBE_FILE.
import { writeFileSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

setFlagsFromString('--expose_gc');
const gc = runInNewContext('gc');

process.on('SIGUSR2', () => {
  gc();
  gc();
  writeFileSync(process.env.PNYX_HEAP_PROBE_FILE, JSON.stringify(process.memoryUsage()));
});
