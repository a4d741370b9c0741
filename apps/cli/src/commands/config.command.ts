import { Command } from 'commander';
import { loadConfig } from '@app/shared';
import { COMMANDS } from './catalogue.js';

export function configCommand(): Command {
  const config = new Command('config').description(COMMANDS.config.description);
  config
    .command('check')
    .description('Validate the environment as the server would; print the result without secrets')
    .action(() => {
      const loaded = loadConfig(process.env);
      const shown = { ...loaded, jwtSecret: '[set]', databaseUrl: loaded.databaseUrl === undefined ? '(embedded)' : '[set]', redisUrl: loaded.redisUrl === undefined ? '(none)' : '[set]' };
      process.stdout.write(`${JSON.stringify(shown, null, 2)}\n`);
    });
  return config;
}
