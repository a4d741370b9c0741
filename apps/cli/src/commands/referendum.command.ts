import { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { parisDate, parseRoll, rollDigest, RollFileError } from '@app/referendum';
import { COMMANDS } from './catalogue.js';

/** `pnyx referendum`: checks anyone can run on published material, no server needed. */
export function referendumCommand(): Command {
  const referendum = new Command('referendum').description(COMMANDS.referendum.description);

  referendum
    .command('roll-digest')
    .description("Recompute a referendum's roll digest (rollDigest, published at opening) from the roll CSV that was imported")
    .requiredOption('--roll <file>', 'the roll CSV (- for stdin)')
    .option('--accept-valid', 'leave rejected rows out, as an import with acceptValid=true did')
    .option('--expect <digest>', 'exit 1 unless the digest is this one')
    .action((options: { roll: string; acceptValid?: boolean; expect?: string }) => {
      const text = options.roll === '-' ? readFileSync(0, 'utf8') : readFileSync(options.roll, 'utf8');
      let parsed;
      try {
        parsed = parseRoll(text, parisDate(new Date()));
      } catch (error) {
        if (error instanceof RollFileError) {
          process.stderr.write(`pnyx referendum: ROLL_CSV_INVALID: ${error.message}\n`);
          process.exitCode = 2;
          return;
        }
        throw error;
      }
      if (parsed.rejected.length > 0 && options.acceptValid !== true) {
        for (const row of parsed.rejected.slice(0, 20)) process.stderr.write(`row ${row.row}: ${row.problems.join('; ')}\n`);
        process.stderr.write(`pnyx referendum: ${parsed.rejected.length} row(s) rejected (--accept-valid leaves them out, as the import did)\n`);
        process.exitCode = 2;
        return;
      }
      const digest = rollDigest(parsed.rows);
      process.stdout.write(`${digest}  ${parsed.rows.length} electors${parsed.rejected.length > 0 ? `, ${parsed.rejected.length} rejected rows left out` : ''}\n`);
      if (options.expect !== undefined && options.expect.toLowerCase() !== digest) {
        process.stderr.write(`pnyx referendum: the digest differs from ${options.expect}\n`);
        process.exitCode = 1;
      }
    });
  return referendum;
}
