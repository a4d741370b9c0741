import { Command } from 'commander';
import { createInterface } from 'node:readline';
import { AccountService } from '@app/identity';
import { withAppContext } from '../context.js';
import { COMMANDS } from './catalogue.js';

/** The password comes from PNYX_ADMIN_PASSWORD, piped stdin, or a prompt: never from argv (visible in `ps`). */
async function readPassword(): Promise<string> {
  const fromEnv = process.env['PNYX_ADMIN_PASSWORD'];
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  if (!process.stdin.isTTY) {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
  }
  const prompt = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
  const muted = prompt as unknown as { _writeToOutput: (text: string) => void };
  process.stderr.write('Password: ');
  muted._writeToOutput = () => undefined;
  const password = await new Promise<string>((resolve) => prompt.question('', resolve));
  prompt.close();
  process.stderr.write('\n');
  return password;
}

export function adminCommand(): Command {
  const admin = new Command('admin').description(COMMANDS.admin.description);
  admin
    .command('create')
    .description('Create an admin account (password from PNYX_ADMIN_PASSWORD, stdin, or a prompt)')
    .requiredOption('--email <email>', 'email address used to log in')
    .option('--name <name>', 'display name', 'Administrator')
    .option('--locale <locale>', 'fr or en', 'fr')
    .action(async (options: { email: string; name: string; locale: string }) => {
      if (options.locale !== 'fr' && options.locale !== 'en') throw new Error('--locale must be fr or en');
      const locale = options.locale;
      const password = await readPassword();
      const account = await withAppContext((context) =>
        context.get(AccountService).createAdmin({ email: options.email, password, displayName: options.name, locale }),
      );
      process.stdout.write(`${JSON.stringify({ id: account.id, email: account.email, roles: account.roles })}\n`);
    });
  return admin;
}
