import { Command } from 'commander';
import { AuditLogService, describeChainBreak } from '@app/shared';
import { withAppContext } from '../context.js';
import { COMMANDS } from './catalogue.js';

export function auditCommand(): Command {
  const audit = new Command('audit').description(COMMANDS.audit.description);
  audit
    .command('verify')
    .description('Recompute the whole chain; exit 1 and name the first broken entry if any')
    .option('--json', 'print the result as JSON')
    .action(async (options: { json?: boolean }) => {
      const result = await withAppContext((context) => context.get(AuditLogService).verify());
      if (options.json === true) {
        process.stdout.write(`${JSON.stringify(result)}\n`);
      } else if (result.ok) {
        process.stdout.write(`audit log OK: ${result.count} entries, head hash ${result.headHash}\n`);
      } else {
        process.stdout.write(`audit log BROKEN at ${describeChainBreak(result.broken!)}\n${result.count} entries verified before it\n`);
      }
      if (!result.ok) process.exitCode = 1;
    });
  return audit;
}
