import { useTranslation } from '../../app/i18n/i18n';
import { useReferendums } from '../../referendum/hooks/referendums';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { Loading } from '../../ui/Loading';
import { PageTitle } from '../../ui/PageTitle';
import { VoteList } from '../components/VoteList';
import { useResidentPolls } from '../hooks/polls';
import { closedVoteItems, openVoteItems } from '../utils/vote-items';

/** Every vote residents take part in: open ones, then closed ones with their results. */
export function VotesPage() {
  const { t } = useTranslation();
  const open = [useResidentPolls('open'), useReferendums('open')] as const;
  const closedPolls = useResidentPolls('closed');
  const publishedPolls = useResidentPolls('published');
  const closedReferendums = useReferendums('closed');
  const publishedReferendums = useReferendums('published');
  const closed = [closedPolls, publishedPolls, closedReferendums, publishedReferendums];
  const failure = [...open, ...closed].find((query) => query.error)?.error;

  return (
    <>
      <PageTitle title={t('votes.title')} />
      {failure ? <ErrorMessage error={failure} /> : null}
      <section aria-labelledby="votes-open" className="section">
        <h2 id="votes-open">{t('votes.open')}</h2>
        {open[0].data === undefined || open[1].data === undefined ? <Loading /> : <VoteList items={openVoteItems(open[0].data, open[1].data)} empty={t('home.noOpenVotes')} />}
      </section>
      <section aria-labelledby="votes-closed" className="section">
        <h2 id="votes-closed">{t('votes.closed')}</h2>
        {closed.some((query) => query.data === undefined) ? (
          <Loading />
        ) : (
          <VoteList
            items={closedVoteItems([...(closedPolls.data ?? []), ...(publishedPolls.data ?? [])], [...(closedReferendums.data ?? []), ...(publishedReferendums.data ?? [])])}
            empty={t('votes.noClosed')}
          />
        )}
      </section>
    </>
  );
}
