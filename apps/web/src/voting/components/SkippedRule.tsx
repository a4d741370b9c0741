import { useTranslation } from '../../app/i18n/i18n';
import type { Schemas } from '../../app/api/client';

/** The poll's rule for options left ungraded, said in words. */
export function SkippedRule({ poll }: { poll: Schemas['PollDto'] }) {
  const { t } = useTranslation();
  switch (poll.skipped) {
    case 'refuse':
      return <p>{t('voting.ballot.ruleRefuse')}</p>;
    case 'worst':
      return <p>{t('voting.ballot.ruleWorst', { worst: poll.grades[0] })}</p>;
    case 'median':
      return <p>{t('voting.ballot.ruleMedian')}</p>;
  }
}
