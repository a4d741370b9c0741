import { useTranslation } from '../i18n/i18n';
import { Link, useLocation } from 'react-router';
import { PetitionList } from '../../agenda/components/PetitionList';
import { SessionList } from '../../agenda/components/SessionList';
import { BudgetOnHome } from '../../budget/components/BudgetOnHome';
import { useAssemblies, useCollectingPetitions, useLiveSupportCounts, useUpcomingSessions } from '../../agenda/hooks/petitions';
import { useReferendums } from '../../referendum/hooks/referendums';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { Loading } from '../../ui/Loading';
import { Notice } from '../../ui/Notice';
import { PageTitle } from '../../ui/PageTitle';
import { VoteList } from '../../voting/components/VoteList';
import { useResidentPolls } from '../../voting/hooks/polls';
import { openVoteItems } from '../../voting/utils/vote-items';

/** What a resident can do now: open votes with their deadlines, petitions gathering support, public sessions to come. */
export function HomePage() {
  const { t } = useTranslation();
  const location = useLocation();
  const signedOut = (location.state as { signedOut?: boolean } | null)?.signedOut === true;
  const polls = useResidentPolls('open');
  const referendums = useReferendums('open');
  const assemblies = useAssemblies();
  const sessions = useUpcomingSessions();
  // Petitions collecting supports, in each assembly residents can petition (usually one).
  const petitions = useCollectingPetitions((assemblies.data ?? []).slice(0, 5).map((assembly) => assembly.id));
  useLiveSupportCounts(petitions.items);
  const assemblyNames = new Map((assemblies.data ?? []).map((assembly) => [assembly.id, assembly.name]));

  return (
    <>
      <PageTitle title={t('home.title')} />
      <p className="lead">{t('home.lead')}</p>
      {signedOut ? (
        <Notice kind="success" live>
          <p>{t('home.signedOut')}</p>
        </Notice>
      ) : null}

      <section aria-labelledby="home-votes" className="section">
        <h2 id="home-votes">{t('home.openVotes')}</h2>
        {polls.error || referendums.error ? (
          <ErrorMessage error={polls.error ?? referendums.error} />
        ) : polls.data === undefined || referendums.data === undefined ? (
          <Loading />
        ) : (
          <VoteList items={openVoteItems(polls.data, referendums.data)} empty={t('home.noOpenVotes')} />
        )}
        <p>
          <Link to="/votes">{t('home.allVotes')}</Link>
        </p>
      </section>

      <BudgetOnHome />

      <section aria-labelledby="home-petitions" className="section">
        <h2 id="home-petitions">{t('home.petitions')}</h2>
        {assemblies.error || petitions.error ? (
          <ErrorMessage error={assemblies.error ?? petitions.error} />
        ) : assemblies.data === undefined || petitions.pending ? (
          <Loading />
        ) : (
          <PetitionList petitions={petitions.items} empty={t('home.noPetitions')} />
        )}
        <p>
          <Link to="/petitions">{t('home.allPetitions')}</Link>
        </p>
      </section>

      <section aria-labelledby="home-sessions" className="section">
        <h2 id="home-sessions">{t('home.sessions')}</h2>
        {sessions.error ? <ErrorMessage error={sessions.error} /> : sessions.data === undefined ? <Loading /> : <SessionList sessions={sessions.data} assemblyNames={assemblyNames} />}
      </section>
    </>
  );
}
