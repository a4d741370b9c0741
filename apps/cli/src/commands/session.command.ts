import { Command, Option } from 'commander';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { DeliberationRepository, minutesOf, minutesToMarkdown, type MinutesLanguage } from '@app/deliberation';
import { DomainException } from '@app/shared';
import { withAppContext } from '../context.js';
import { COMMANDS } from './catalogue.js';

/** `pnyx session`: a deliberation session's record, for archives (no server needed). */
export function sessionCommand(): Command {
  const session = new Command('session').description(COMMANDS.session.description);

  session
    .command('minutes')
    .description('Minutes of a session from its event log (JSON or Markdown); a draft until the session ends')
    .argument('<sessionId>', 'the session id')
    .addOption(new Option('--format <format>', 'output format').choices(['json', 'markdown']).default('markdown'))
    .addOption(new Option('--lang <lang>', 'language of the Markdown minutes').choices(['fr', 'en']).default('fr'))
    .action(async (sessionId: string, options: { format: 'json' | 'markdown'; lang: MinutesLanguage }) => {
      const minutes = await withAppContext(async (context) => {
        const repository = new DeliberationRepository(context.get<DataSource>(getDataSourceToken()));
        const found = await repository.findSession(sessionId).catch(() => null);
        if (found === null) throw new DomainException('not-found', 'SESSION_NOT_FOUND', `No session ${sessionId}`);
        return minutesOf(repository, found);
      });
      process.stdout.write(options.format === 'json' ? `${JSON.stringify(minutes, null, 2)}\n` : minutesToMarkdown(minutes, options.lang));
    });

  session
    .command('events')
    .description('The event log of a session as JSON lines, after a seq')
    .argument('<sessionId>', 'the session id')
    .option('--after <seq>', 'only events with a greater seq', '0')
    .action(async (sessionId: string, options: { after: string }) => {
      const after = Number(options.after);
      if (!Number.isInteger(after) || after < 0) throw new DomainException('invalid', 'VALIDATION_FAILED', '--after must be a whole number ≥ 0');
      await withAppContext(async (context) => {
        const repository = new DeliberationRepository(context.get<DataSource>(getDataSourceToken()));
        if ((await repository.findSession(sessionId).catch(() => null)) === null) throw new DomainException('not-found', 'SESSION_NOT_FOUND', `No session ${sessionId}`);
        for (let from = after; ; ) {
          const batch = await repository.eventsAfter(sessionId, from, null, 1000);
          for (const event of batch) process.stdout.write(`${JSON.stringify(event)}\n`);
          if (batch.length < 1000) break;
          from = batch[batch.length - 1].seq;
        }
      });
    });
  return session;
}
