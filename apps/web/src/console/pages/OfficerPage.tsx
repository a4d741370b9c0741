import { useState } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import type { Schemas } from '../../app/api/client';
import { useSession } from '../../app/auth/useSession';
import { useTranslation } from '../../app/i18n/i18n';
import { useReferendum } from '../../referendum/hooks/referendums';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { Loading } from '../../ui/Loading';
import { Notice } from '../../ui/Notice';
import { PageFallback } from '../../ui/PageFallback';
import { PageTitle } from '../../ui/PageTitle';
import { TextField } from '../../ui/TextField';
import { TimeText } from '../../ui/TimeText';
import { StationTable } from '../components/StationTable';
import { useOfficerAssignments } from '../hooks/officer';
import { useCheckElector, useEnterCount, useMarkPaperVote, useStations } from '../hooks/referendums';
import { countRequest, emptyCount, type CountDraft } from '../utils/referendum-form';
import '../i18n/messages';

/** Where the signed-in person serves as a polling-station officer. */
export function OfficerHomePage() {
  const { t } = useTranslation();
  const session = useSession();
  const location = useLocation();
  const assignments = useOfficerAssignments(session.status === 'signed-in');
  if (session.status === 'signed-out') {
    return (
      <>
        <PageTitle title={t('officer.homeTitle')} />
        <p>
          <Link to={`/signin?next=${encodeURIComponent(location.pathname)}`}>{t('app.account.signIn')}</Link>
        </p>
      </>
    );
  }
  if (assignments.data === undefined) return <PageFallback title={t('officer.homeTitle')} error={assignments.error} />;
  return (
    <>
      <PageTitle title={t('officer.homeTitle')} />
      {assignments.data.length === 0 ? (
        <p>{t('officer.none')}</p>
      ) : (
        <ul className="card-list">
          {assignments.data.map((assignment) => (
            <li key={assignment.referendumId} className="card">
              <p className="card-kind">{t(`console.referendums.statuses.${assignment.status as 'open'}`)}</p>
              <h2 className="card-title">
                <Link to={`/officer/referendums/${assignment.referendumId}`}>{assignment.title}</Link>
              </h2>
              <p className="card-meta">
                {t('officer.station', { station: assignment.pollingStation })} · <TimeText iso={assignment.opensAt} /> → <TimeText iso={assignment.closesAt} />
              </p>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

/**
 * A polling station's officer: checks an elector at the table and marks their paper vote (once,
 * across channels); after the close, enters the station's count, which is accepted when a second
 * officer enters the same figures without seeing the first's.
 */
export function OfficerPage() {
  const { referendumId = '' } = useParams();
  const { t } = useTranslation();
  const session = useSession();
  const referendum = useReferendum(referendumId);
  const stations = useStations(referendumId, session.status === 'signed-in');
  if (session.status === 'signed-out') return <OfficerHomePage />;
  if (referendum.data === undefined || stations.data === undefined) return <PageFallback title={t('officer.title')} error={referendum.error ?? stations.error} />;
  const station = stations.data[0];
  if (station === undefined) return <PageFallback title={t('officer.title')} error={new Error('no station')} />;
  const data = referendum.data;
  return (
    <>
      <PageTitle title={t('officer.titleOf', { station: station.pollingStation, title: data.title })} />
      <p>
        <Link to="/officer">{t('officer.back')}</Link>
      </p>
      <p className="draw-status" role="status">
        {t('console.draw.statusIs')} <strong>{t(`console.referendums.statuses.${data.status}`)}</strong> · <TimeText iso={data.opensAt} /> → <TimeText iso={data.closesAt} />
      </p>
      <StationTable questions={data.questions} stations={stations.data} />
      {data.status === 'draft' ? <Notice>{t('officer.notOpen')}</Notice> : null}
      {data.status === 'open' ? <PaperVotes referendumId={data.id} /> : null}
      {data.status === 'closed' ? <CountEntry referendum={data} station={station} /> : null}
      {data.status === 'published' ? <Notice>{t('officer.published')}</Notice> : null}
    </>
  );
}

function PaperVotes({ referendumId }: { referendumId: string }) {
  const { t } = useTranslation();
  const check = useCheckElector(referendumId);
  const mark = useMarkPaperVote(referendumId);
  const [externalId, setExternalId] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const elector = check.data;
  return (
    <section aria-labelledby="paper-heading" className="section">
      <h2 id="paper-heading">{t('officer.paperHeading')}</h2>
      <form
        className="inline-form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (externalId.trim() === '') return setProblem(t('officer.idRequired'));
          setProblem(null);
          mark.reset();
          check.mutate(externalId.trim());
        }}
      >
        <TextField label={t('officer.electorId')} hint={t('officer.electorIdHint')} value={externalId} error={problem} autoComplete="off" onChange={(event) => setExternalId(event.target.value)} />
        <button type="submit" disabled={check.isPending}>
          {t('officer.check')}
        </button>
      </form>
      {check.error ? <ErrorMessage error={check.error} /> : null}
      {elector !== undefined ? (
        <div className="elector-card" aria-live="polite">
          <dl className="facts">
            <dt>{t('officer.name')}</dt>
            <dd>
              {elector.familyName} {elector.givenNames}
            </dd>
            <dt>{t('officer.birthDate')}</dt>
            <dd>
              <TimeText iso={`${elector.birthDate}T12:00:00Z`} dateOnly />
            </dd>
            <dt>{t('officer.identifier')}</dt>
            <dd>{elector.externalId}</dd>
          </dl>
          {elector.voted || mark.isSuccess ? (
            <Notice kind={mark.isSuccess ? 'success' : 'warning'} live>
              <p>{mark.isSuccess ? t('officer.marked') : t(elector.channel === 'online' ? 'officer.votedOnline' : 'officer.votedPaper')}</p>
            </Notice>
          ) : (
            <button type="button" className="primary" disabled={mark.isPending} onClick={() => mark.mutate(elector.externalId)}>
              {t('officer.mark')}
            </button>
          )}
          {mark.error ? <ErrorMessage error={mark.error} /> : null}
        </div>
      ) : null}
    </section>
  );
}

function CountEntry({ referendum, station }: { referendum: Schemas['ReferendumDto']; station: Schemas['StationDto'] }) {
  const { t } = useTranslation();
  const enter = useEnterCount(referendum.id, station.pollingStation);
  const [drafts, setDrafts] = useState<Record<string, CountDraft>>(() => Object.fromEntries(referendum.questions.map((question) => [question.id, emptyCount(question)])));
  const [problem, setProblem] = useState<string | null>(null);
  const accepted = station.count.status === 'accepted';
  const setCell = (questionId: string, option: number, grade: number | null, value: string): void =>
    setDrafts((current) => {
      const draft = current[questionId];
      const options = grade === null ? (draft.options as string[]).map((cell, i) => (i === option ? value : cell)) : (draft.options as string[][]).map((row, i) => (i === option ? row.map((cell, j) => (j === grade ? value : cell)) : row));
      return { ...current, [questionId]: { ...draft, options } };
    });
  const result = enter.data;
  return (
    <section aria-labelledby="count-heading" className="section">
      <h2 id="count-heading">{t('officer.countHeading')}</h2>
      {accepted ? null : <p>{t('officer.countLead', { count: station.paperVotes, voters: station.paperVotes })}</p>}
      {accepted ? (
        <Notice kind="success" live>
          <p>{t('officer.accepted')}</p>
        </Notice>
      ) : (
        <form
          className="form"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            const built = countRequest(referendum.questions, drafts);
            if (built.counts === undefined) return setProblem(t('officer.countInvalid', { number: built.invalid ?? 0 }));
            setProblem(null);
            enter.mutate(built.counts);
          }}
        >
          {referendum.questions.map((question) => {
            const draft = drafts[question.id];
            return (
              <fieldset key={question.id}>
                <legend>{t('console.stations.questionNumber', { number: question.position + 1 })} — {question.text}</legend>
                {question.kind === 'majority-judgment' ? (
                  <div className="table-scroll" role="region" aria-label={question.text} tabIndex={0}>
                    <table className="count-grid">
                      <thead>
                        <tr>
                          <th scope="col">{t('officer.option')}</th>
                          {question.grades.map((grade) => (
                            <th key={grade} scope="col">
                              {grade}
                            </th>
                          ))}
                        </tr>
                      </thead>
                      <tbody>
                        {question.options.map((option, i) => (
                          <tr key={option}>
                            <th scope="row">{option}</th>
                            {question.grades.map((grade, j) => (
                              <td key={grade}>
                                <input
                                  type="text"
                                  inputMode="numeric"
                                  aria-label={t('officer.gradeCell', { option, grade })}
                                  value={(draft.options as string[][])[i][j]}
                                  onChange={(event) => setCell(question.id, i, j, event.target.value)}
                                  size={5}
                                />
                              </td>
                            ))}
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </div>
                ) : (
                  question.options.map((option, i) => (
                    <TextField key={option} label={t('officer.votesFor', { option })} inputMode="numeric" value={(draft.options as string[])[i]} onChange={(event) => setCell(question.id, i, null, event.target.value)} />
                  ))
                )}
                <TextField
                  label={t('officer.blank')}
                  inputMode="numeric"
                  value={draft.blank}
                  onChange={(event) => setDrafts((current) => ({ ...current, [question.id]: { ...current[question.id], blank: event.target.value } }))}
                />
              </fieldset>
            );
          })}
          {problem !== null ? (
            <p className="field-error" role="alert">
              {problem}
            </p>
          ) : null}
          {enter.error ? <ErrorMessage error={enter.error} /> : null}
          <div className="actions">
            <button type="submit" className="primary" disabled={enter.isPending}>
              {t('officer.submitCount')}
            </button>
          </div>
        </form>
      )}
      {result !== undefined && !accepted ? (
        <Notice kind={result.status === 'accepted' ? 'success' : result.status === 'mismatch' ? 'warning' : 'info'} live>
          <p>{t(`officer.result.${result.status as 'accepted'}`)}</p>
          {result.status === 'mismatch' && result.differences !== undefined ? (
            <ul>
              {result.differences.map((id) => {
                const question = referendum.questions.find((q) => q.id === id);
                return <li key={id}>{question === undefined ? id : `${t('console.stations.questionNumber', { number: question.position + 1 })} — ${question.text}`}</li>;
              })}
            </ul>
          ) : null}
        </Notice>
      ) : null}
      {enter.isPending ? <Loading /> : null}
    </section>
  );
}
