import { Command, CommanderError } from 'commander';
import { COMMANDS } from './commands/catalogue.js';

const program = new Command('pnyx')
  .description('Pnyx operator commands: accounts, audit log, personal data retention, migrations, sortition, majority judgment, session minutes, referendum checks, participatory budgeting')
  .version('0.1.0')
  .showHelpAfterError()
  .exitOverride();

// Only the command asked for is loaded (`pnyx mj …`, `pnyx help mj`); the others are listed by name
// and description for --help.
const words = process.argv.slice(2).filter((arg) => !arg.startsWith('-'));
const asked = words[0] === 'help' ? words[1] : words[0];

try {
  for (const [name, { description, load }] of Object.entries(COMMANDS)) program.addCommand(name === asked ? await load() : new Command(name).description(description));
  await program.parseAsync(process.argv);
} catch (error) {
  // Help, version and usage errors are commander's (already printed); any other failure loads the
  // libraries' error classes to say it.
  process.exitCode = error instanceof CommanderError ? error.exitCode : (await import('./exit-status.js')).reportFailure(error);
}
