import type { Command } from 'commander';

/**
 * The commands, each described here and loaded only when called: a command's module brings Nest,
 * TypeORM and its libraries with it (about a second), which `pnyx --help` or `pnyx mj rank` need not
 * pay for the others.
 */
export const COMMANDS: Record<string, { description: string; load: () => Promise<Command> }> = {
  admin: { description: 'Administrator accounts', load: async () => (await import('./admin.command.js')).adminCommand() },
  audit: { description: 'The hash-chained audit log', load: async () => (await import('./audit.command.js')).auditCommand() },
  data: { description: 'Personal data: purge what is past its retention period', load: async () => (await import('./data.command.js')).dataCommand() },
  migration: { description: 'Database schema migrations', load: async () => (await import('./migration.command.js')).migrationCommand() },
  config: { description: 'Configuration', load: async () => (await import('./config.command.js')).configCommand() },
  sortition: { description: 'Fair, verifiable draws of assembly members, on CSV files (no server needed)', load: async () => (await import('./sortition.command.js')).sortitionCommand() },
  mj: { description: 'Majority judgment: rank tallies, recount a published bulletin board', load: async () => (await import('./mj.command.js')).mjCommand() },
  session: { description: 'Live deliberation sessions: minutes and the event log, read from the database', load: async () => (await import('./session.command.js')).sessionCommand() },
  referendum: { description: 'Citizen votes: check a published roll digest', load: async () => (await import('./referendum.command.js')).referendumCommand() },
  pb: {
    description: 'Participatory budgeting: select the winning projects of a pabulib (.pb) file; export a closed vote as one',
    load: async () => (await import('./pb.command.js')).pbCommand(),
  },
};
