import { Command, CommanderError } from 'commander';
import { ConfigError, DomainException } from '@app/shared';
import { adminCommand } from './commands/admin.command.js';
import { auditCommand } from './commands/audit.command.js';
import { configCommand } from './commands/config.command.js';
import { migrationCommand } from './commands/migration.command.js';
import { sortitionCommand } from './commands/sortition.command.js';
import { mjCommand } from './commands/mj.command.js';
import { sessionCommand } from './commands/session.command.js';
import { referendumCommand } from './commands/referendum.command.js';
import { pbCommand } from './commands/pb.command.js';

const program = new Command('pnyx')
  .description('Pnyx operator commands: accounts, audit log, migrations, sortition, majority judgment, session minutes, referendum checks, participatory budgeting')
  .version('0.1.0')
  .showHelpAfterError()
  .exitOverride();

program.addCommand(adminCommand());
program.addCommand(auditCommand());
program.addCommand(migrationCommand());
program.addCommand(configCommand());
program.addCommand(sortitionCommand());
program.addCommand(mjCommand());
program.addCommand(sessionCommand());
program.addCommand(referendumCommand());
program.addCommand(pbCommand());

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    process.exitCode = error.exitCode;
  } else if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
    process.exitCode = 78;
  } else if (error instanceof DomainException) {
    process.stderr.write(`pnyx: ${error.code}: ${error.message}\n`);
    process.exitCode = 1;
  } else {
    process.stderr.write(`pnyx: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
}
