import { Command } from 'commander';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { INestApplicationContext } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { withAppContext } from '../context.js';
import { COMMANDS } from './catalogue.js';

export function migrationCommand(): Command {
  const migration = new Command('migration').description(COMMANDS.migration.description);
  const dataSourceOf = (context: INestApplicationContext): DataSource => context.get<DataSource>(getDataSourceToken());
  migration
    .command('run')
    .description('Apply pending migrations')
    .action(async () => {
      const applied = await withAppContext((context) => dataSourceOf(context).runMigrations({ transaction: 'each' }), { runMigrations: false });
      process.stdout.write(applied.length === 0 ? 'no pending migrations\n' : applied.map((m) => `applied ${m.name}\n`).join(''));
    });
  migration
    .command('revert')
    .description('Undo the last applied migration')
    .action(async () => {
      await withAppContext((context) => dataSourceOf(context).undoLastMigration({ transaction: 'each' }), { runMigrations: false });
      process.stdout.write('reverted the last migration\n');
    });
  migration
    .command('show')
    .description('Exit 1 if migrations are pending')
    .action(async () => {
      const pending = await withAppContext((context) => dataSourceOf(context).showMigrations(), { runMigrations: false });
      process.stdout.write(pending ? 'migrations are pending\n' : 'schema is up to date\n');
      if (pending) process.exitCode = 1;
    });
  return migration;
}
