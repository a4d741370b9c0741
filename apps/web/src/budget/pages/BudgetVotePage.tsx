import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useSession } from '../../app/auth/useSession';
import { useTranslation } from '../../app/i18n/i18n';
import { useFormat } from '../../app/i18n/useFormat';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { Loading } from '../../ui/Loading';
import { Notice } from '../../ui/Notice';
import { TimeText } from '../../ui/TimeText';
import { useParticipation } from '../../voting/hooks/polls';
import { DistrictOptions } from '../components/DistrictOptions';
import { EditionFrame } from '../components/EditionFrame';
import { useBallot, useDeclareDistrict, useEnvelopes, useVoter, type Edition } from '../hooks/budget';
import { envelopesFor, reached } from '../utils/phases';
import '../i18n/messages';

/**
 * The vote: the resident declares the district they vote in (changeable until their first ballot),
 * then grades the projects of each of their envelopes (citywide, ring-fenced, their district's),
 * one majority-judgment ballot per envelope on the poll's own page.
 */
export function BudgetVotePage() {
  const { editionId = '' } = useParams();
  const { t } = useTranslation();
  return (
    <EditionFrame editionId={editionId} title={() => t('budget.vote.title')}>
      {(edition) => <Vote edition={edition} />}
    </EditionFrame>
  );
}

function Vote({ edition }: { edition: Edition }) {
  const { t } = useTranslation();
  const session = useSession();
  const signedIn = session.status === 'signed-in';
  const ballot = useBallot(edition.id, reached(edition.phase, 'ballot'));
  const voter = useVoter(edition.id, signedIn);
  const district = voter.data?.district ?? null;

  if (!reached(edition.phase, 'ballot')) {
    return (
      <Notice>
        <p>
          {t('budget.vote.notYet')} <TimeText iso={edition.calendar.voteOpensAt} />.
        </p>
      </Notice>
    );
  }
  const open = edition.phase === 'vote';
  return (
    <>
      {edition.phase === 'ballot' ? (
        <Notice>
          <p>
            {t('budget.vote.ballotFixed')} <TimeText iso={edition.calendar.voteOpensAt} />.
          </p>
        </Notice>
      ) : open ? (
        <p className="lead">
          {t('budget.vote.intro')} <TimeText iso={edition.calendar.voteClosesAt} />.
        </p>
      ) : (
        <Notice>
          <p>{t('budget.vote.closed')}</p>
          <p>
            <Link to={`/budget/${edition.id}/results`}>{t('budget.now.results')}</Link>
          </p>
        </Notice>
      )}
      {open ? (
        signedIn ? (
          voter.error ? (
            <ErrorMessage error={voter.error} />
          ) : voter.data === undefined ? (
            <Loading />
          ) : (
            <DistrictForm edition={edition} district={district} locked={voter.data.locked} />
          )
        ) : session.status === 'signed-out' ? (
          <Notice>
            <p>{t('budget.vote.signIn')}</p>
            <p>
              <Link to={`/signin?next=${encodeURIComponent(`/budget/${edition.id}/vote`)}`}>{t('app.account.signIn')}</Link>
            </p>
          </Notice>
        ) : null
      ) : null}
      {ballot.error ? (
        <ErrorMessage error={ballot.error} />
      ) : ballot.data === undefined ? (
        <Loading />
      ) : (
        envelopesFor(ballot.data, open && signedIn ? district : null).map(({ envelope, pollId, projects }) => (
          <EnvelopeBallot key={envelope.id} name={envelope.name} amountCents={envelope.amountCents} pollId={pollId} projects={projects} canVote={open && signedIn && (envelope.kind !== 'district' || district !== null)} />
        ))
      )}
      {open && signedIn && district === null && voter.data !== undefined ? <p className="hint">{t('budget.vote.declareToSee')}</p> : null}
    </>
  );
}

/** The district the resident votes in: a choice until their first ballot, then fixed. */
function DistrictForm({ edition, district, locked }: { edition: Edition; district: string | null; locked: boolean }) {
  const { t } = useTranslation();
  const envelopes = useEnvelopes(edition.id);
  const declare = useDeclareDistrict(edition.id);
  const [choice, setChoice] = useState(district ?? '');
  useEffect(() => setChoice(district ?? ''), [district]);

  if (locked) {
    return (
      <section aria-labelledby="district-heading" className="section">
        <h2 id="district-heading">{t('budget.vote.districtHeading')}</h2>
        <p>{t('budget.vote.districtLocked', { district: district ?? '' })}</p>
      </section>
    );
  }
  return (
    <section aria-labelledby="district-heading" className="section">
      <h2 id="district-heading">{t('budget.vote.districtHeading')}</h2>
      <form
        className="form"
        onSubmit={(event) => {
          event.preventDefault();
          if (choice !== '') declare.mutate(choice);
        }}
      >
        <div className="field">
          <label htmlFor="vote-district">{t('budget.vote.districtLabel')}</label>
          <p className="hint" id="vote-district-hint">
            {t('budget.vote.districtHint')}
          </p>
          <select id="vote-district" aria-describedby="vote-district-hint" value={choice} onChange={(event) => setChoice(event.target.value)} required>
            <DistrictOptions envelopes={envelopes.data} empty={t('budget.editor.choose')} citywide={false} />
          </select>
        </div>
        <div className="actions">
          <button type="submit" className={district === null ? 'primary' : undefined} disabled={declare.isPending || choice === '' || choice === district}>
            {t('budget.vote.declare')}
          </button>
        </div>
        <p role="status">{declare.isSuccess && district !== null ? t('budget.vote.declared', { district }) : district !== null ? t('budget.vote.current', { district }) : ''}</p>
        {declare.error ? <ErrorMessage error={declare.error} /> : null}
      </form>
    </section>
  );
}

function EnvelopeBallot({ name, amountCents, pollId, projects, canVote }: { name: string; amountCents: string; pollId: string; projects: ReadonlyArray<{ projectId: string; title: string; costCents: string }>; canVote: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const participation = useParticipation(pollId, canVote);
  const headingId = `envelope-${pollId}`;
  return (
    <section aria-labelledby={headingId} className="section card">
      <h2 id={headingId} className="card-title">
        {name}
      </h2>
      <p className="card-meta">{t('budget.vote.envelopeFigures', { amount: format.money(amountCents), count: projects.length })}</p>
      <ul>
        {projects.map((project) => (
          <li key={project.projectId}>
            <Link to={`/budget/projects/${project.projectId}`}>{project.title}</Link> — {format.money(project.costCents)}
          </li>
        ))}
      </ul>
      {canVote ? (
        participation.data?.voted === true ? (
          <p>
            <strong>{t('budget.vote.voted')}</strong> <Link to={`/polls/${pollId}`}>{t('budget.vote.seeBallot', { name })}</Link>
          </p>
        ) : (
          <p>
            <Link className="button primary" to={`/polls/${pollId}`}>
              {t('budget.vote.grade', { name })}
            </Link>
          </p>
        )
      ) : null}
    </section>
  );
}
