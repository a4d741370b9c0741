import { Command } from 'commander';
import { RetentionService, type PurgeReport } from '@app/shared';
import { withAppContext } from '../context.js';
import { COMMANDS } from './catalogue.js';

function print(report: PurgeReport): string {
  const width = Math.max(...report.rules.map((rule) => rule.name.length));
  const lines = report.rules.map((rule) => `${rule.name.padEnd(width)}  ${String(rule.rows).padStart(8)}  ${rule.description}`);
  const verdict = report.dryRun ? `${report.total} row(s) would be purged (dry run: nothing changed)` : `${report.total} row(s) purged; audited as data.purged (counts only)`;
  return `${lines.join('\n')}\n${verdict}\n`;
}

export function dataCommand(): Command {
  const data = new Command('data').description(COMMANDS.data.description);
  data
    .command('purge')
    .description('Erase personal data past its retention period (RETENTION_* variables; docs/personal-data.md)')
    .option('--dry-run', 'count what would be erased, change nothing')
    .option('--json', 'print the report as JSON')
    .action(async (options: { dryRun?: boolean; json?: boolean }) => {
      const report = await withAppContext((context) => context.get(RetentionService).purge({ dryRun: options.dryRun === true, actor: 'cli' }));
      process.stdout.write(options.json === true ? `${JSON.stringify(report)}\n` : print(report));
    });
  return data;
}
