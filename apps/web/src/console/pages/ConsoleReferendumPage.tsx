import { useState } from 'react';
import { Link, useParams } from 'react-router';
import type { Schemas } from '../../app/api/client';
import { isApiError } from '../../app/api/errors';
import { useTranslation } from '../../app/i18n/i18n';
import { useFormat } from '../../app/i18n/useFormat';
import { ReferendumTurnout } from '../../referendum/components/ReferendumTurnout';
import { useReferendum, useReferendumTurnout } from '../../referendum/hooks/referendums';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { Field } from '../../ui/Field';
import { Loading } from '../../ui/Loading';
import { Notice } from '../../ui/Notice';
import { PageFallback } from '../../ui/PageFallback';
import { PageTitle } from '../../ui/PageTitle';
import { TextField } from '../../ui/TextField';
import { TimeText } from '../../ui/TimeText';
import { saveFile } from '../../ui/utils/download';
import { RequireRole } from '../components/RequireRole';
import { RollReport } from '../components/RollReport';
import { StationTable } from '../components/StationTable';
import { useGenerateCodes, useImportRoll, useLookupAccount, useReferendumTransition, useSetOfficers, useStations } from '../hooks/referendums';
import { CONSOLE_ROLES } from '../utils/roles';
import '../i18n/messages';

type Referendum = Schemas['ReferendumDto'];

/** One referendum as organisers run it: the roll, the codes, the stations and officers, opening, closing, publishing. */
export function ConsoleReferendumPage() {
  const { t } = useTranslation();
  return (
    <RequireRole roles={CONSOLE_ROLES.organise} title={t('console.referendums.title')}>
      <ReferendumConsole />
    </RequireRole>
  );
}

function ReferendumConsole() {
  const { referendumId = '' } = useParams();
  const { t } = useTranslation();
  const referendum = useReferendum(referendumId);
  if (referendum.data === undefined) return <PageFallback title={t('console.referendums.title')} error={referendum.error} />;
  const data = referendum.data;
  return (
    <>
      <PageTitle title={data.title} />
      <p>
        <Link to="/console/referendums">{t('console.referendums.back')}</Link> · <Link to={`/referendums/${data.id}`}>{t('console.referendums.publicPage')}</Link>
      </p>
      <p className="draw-status" role="status">
        {t('console.draw.statusIs')} <strong>{t(`console.referendums.statuses.${data.status}`)}</strong> · <TimeText iso={data.opensAt} /> → <TimeText iso={data.closesAt} />
      </p>
      {data.rollDigest !== null ? (
        <p>
          {t('console.referendums.rollFrozen', { count: data.rollSize ?? 0 })} <code className="digest">{data.rollDigest}</code>
        </p>
      ) : null}
      <Lifecycle referendum={data} />
      {data.status === 'draft' ? <RollImport referendumId={data.id} /> : null}
      {data.status === 'draft' || data.status === 'open' ? <Codes referendumId={data.id} /> : null}
      <Stations referendum={data} />
      {data.status !== 'draft' ? <Turnout referendumId={data.id} /> : null}
    </>
  );
}

function Lifecycle({ referendum }: { referendum: Referendum }) {
  const { t } = useTranslation();
  const transition = useReferendumTransition(referendum.id);
  const [confirm, setConfirm] = useState<'open' | 'close' | 'publish' | null>(null);
  const next = referendum.status === 'draft' ? 'open' : referendum.status === 'open' ? 'close' : referendum.status === 'closed' ? 'publish' : null;
  return (
    <section aria-labelledby="lifecycle-heading" className="section">
      <h2 id="lifecycle-heading">{t('console.polls.lifecycle')}</h2>
      <p>{t(`console.referendums.next.${referendum.status}`)}</p>
      {confirm !== null ? (
        <Notice kind="warning">
          <p>{t(`console.referendums.confirm.${confirm}`)}</p>
          <div className="actions">
            <button type="button" onClick={() => setConfirm(null)}>
              {t('common.cancel')}
            </button>
            <button type="button" className="primary" disabled={transition.isPending} onClick={() => transition.mutate(confirm, { onSuccess: () => setConfirm(null) })}>
              {t(`console.referendums.actions.${confirm}`)}
            </button>
          </div>
        </Notice>
      ) : next !== null ? (
        <div className="actions">
          <button type="button" className="primary" onClick={() => setConfirm(next)}>
            {t(`console.referendums.actions.${next}`)}
          </button>
          {referendum.status === 'closed' || referendum.status === 'published' ? (
            <Link className="button" to={`/referendums/${referendum.id}/results`}>
              {t('console.polls.results')}
            </Link>
          ) : null}
        </div>
      ) : (
        <p>
          <Link to={`/referendums/${referendum.id}/results`}>{t('console.polls.results')}</Link>
        </p>
      )}
      {transition.error ? <ErrorMessage error={transition.error} /> : null}
    </section>
  );
}

function RollImport({ referendumId }: { referendumId: string }) {
  const { t } = useTranslation();
  const importRoll = useImportRoll(referendumId);
  const [file, setFile] = useState<File | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const send = (dryRun: boolean, acceptValid = false): void => {
    if (file === null) return setProblem(t('console.roll.fileRequired'));
    setProblem(null);
    importRoll.mutate({ file, dryRun, acceptValid });
  };
  const refused = isApiError(importRoll.error, 'ROLL_ROWS_REJECTED') ? importRoll.error : null;
  const rejected = refused === null ? undefined : (refused.details as { rejected?: Schemas['RejectedRowDto'][]; rejectedCount?: number } | undefined);
  return (
    <section aria-labelledby="roll-heading" className="section">
      <h2 id="roll-heading">{t('console.roll.heading')}</h2>
      <p className="hint">{t('console.roll.hint')}</p>
      <Field label={t('console.roll.file')} hint={t('console.roll.fileHint')} error={problem}>
        {({ id, describedBy }) => <input id={id} type="file" accept=".csv,text/csv" aria-describedby={describedBy} aria-invalid={problem === null ? undefined : true} onChange={(event) => setFile(event.target.files?.[0] ?? null)} />}
      </Field>
      <div className="actions">
        <button type="button" disabled={importRoll.isPending} onClick={() => send(true)}>
          {t('console.roll.dryRun')}
        </button>
        <button type="button" className="primary" disabled={importRoll.isPending} onClick={() => send(false)}>
          {t('console.roll.import')}
        </button>
      </div>
      {importRoll.isPending ? <Loading label={t('console.roll.reading')} /> : null}
      {importRoll.data !== undefined ? <RollReport report={importRoll.data} /> : null}
      {refused !== null && rejected !== undefined ? (
        <div role="alert" className="notice notice-error">
          <p>{t('console.roll.refused', { count: rejected.rejectedCount ?? rejected.rejected?.length ?? 0 })}</p>
          <RollReport rejectedOnly={{ rejected: rejected.rejected ?? [], rejectedCount: rejected.rejectedCount ?? 0 }} />
          <p>
            <button type="button" onClick={() => send(false, true)}>
              {t('console.roll.acceptValid')}
            </button>
          </p>
        </div>
      ) : importRoll.error && refused === null ? (
        <ErrorMessage error={importRoll.error} />
      ) : null}
    </section>
  );
}

function Codes({ referendumId }: { referendumId: string }) {
  const { t } = useTranslation();
  const generate = useGenerateCodes(referendumId);
  const [confirming, setConfirming] = useState(false);
  const [issued, setIssued] = useState<number | null>(null);
  return (
    <section aria-labelledby="codes-heading" className="section">
      <h2 id="codes-heading">{t('console.codes.heading')}</h2>
      <p>{t('console.codes.hint')}</p>
      {confirming ? (
        <Notice kind="warning">
          <p>{t('console.codes.once')}</p>
          <div className="actions">
            <button type="button" onClick={() => setConfirming(false)}>
              {t('common.cancel')}
            </button>
            <button
              type="button"
              className="primary"
              disabled={generate.isPending}
              onClick={() =>
                generate.mutate(undefined, {
                  onSuccess: (csv) => {
                    const rows = csv.split(/\r?\n/).filter((line) => line.trim() !== '').length - 1;
                    setIssued(rows);
                    setConfirming(false);
                    if (rows > 0) saveFile(csv, `codes-de-vote-${referendumId.slice(0, 8)}.csv`, 'text/csv;charset=utf-8');
                  },
                })
              }
            >
              {t('console.codes.generate')}
            </button>
          </div>
        </Notice>
      ) : (
        <button type="button" onClick={() => setConfirming(true)}>
          {t('console.codes.start')}
        </button>
      )}
      {issued !== null ? (
        <Notice kind="success" live>
          <p>{issued > 0 ? t('console.codes.issued', { count: issued }) : t('console.codes.none')}</p>
        </Notice>
      ) : null}
      {generate.error ? <ErrorMessage error={generate.error} /> : null}
    </section>
  );
}

function Stations({ referendum }: { referendum: Referendum }) {
  const { t } = useTranslation();
  const stations = useStations(referendum.id);
  const setOfficers = useSetOfficers(referendum.id);
  const lookup = useLookupAccount();
  const [email, setEmail] = useState('');
  const [station, setStation] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const current = (stations.data ?? []).flatMap((row) => row.officers.map((officer) => ({ accountId: officer.accountId, pollingStation: row.pollingStation })));
  const remove = (accountId: string): void => setOfficers.mutate(current.filter((officer) => officer.accountId !== accountId));
  return (
    <section aria-labelledby="stations-heading" className="section">
      <h2 id="stations-heading">{t('console.stations.heading')}</h2>
      {stations.data === undefined ? (
        stations.error ? <ErrorMessage error={stations.error} /> : <Loading />
      ) : stations.data.length === 0 ? (
        <p className="empty">{t('console.stations.none')}</p>
      ) : (
        <>
          <StationTable questions={referendum.questions} stations={stations.data} onRemoveOfficer={remove} />
          <form
            className="inline-form"
            noValidate
            onSubmit={(event) => {
              event.preventDefault();
              if (!/^[^\s@]+@[^\s@]+$/.test(email.trim())) return setProblem(t('console.assembly.emailInvalid'));
              if (station === '') return setProblem(t('console.stations.stationRequired'));
              setProblem(null);
              lookup.mutate(email.trim(), {
                onSuccess: (account) =>
                  setOfficers.mutate([...current.filter((officer) => officer.accountId !== account.id), { accountId: account.id, pollingStation: station }], { onSuccess: () => setEmail('') }),
              });
            }}
          >
            <h3>{t('console.stations.appoint')}</h3>
            <TextField label={t('console.assembly.staffEmail')} hint={t('console.stations.emailHint')} type="email" autoComplete="off" value={email} error={problem} onChange={(event) => setEmail(event.target.value)} />
            <div className="field">
              <label htmlFor="officer-station">{t('console.stations.station')}</label>
              <select id="officer-station" value={station} onChange={(event) => setStation(event.target.value)}>
                <option value="">{t('console.pollForm.chooseAssembly')}</option>
                {stations.data.map((row) => (
                  <option key={row.pollingStation} value={row.pollingStation}>
                    {row.pollingStation} ({row.district})
                  </option>
                ))}
              </select>
            </div>
            {lookup.error ? <ErrorMessage error={lookup.error} /> : null}
            {setOfficers.error ? <ErrorMessage error={setOfficers.error} /> : null}
            <button type="submit" disabled={lookup.isPending || setOfficers.isPending}>
              {t('console.stations.appointSubmit')}
            </button>
          </form>
        </>
      )}
    </section>
  );
}

function Turnout({ referendumId }: { referendumId: string }) {
  const { t } = useTranslation();
  const turnout = useReferendumTurnout(referendumId);
  const format = useFormat();
  return (
    <section aria-labelledby="turnout-heading" className="section">
      <h2 id="turnout-heading">{t('console.polls.turnout')}</h2>
      {turnout.data === undefined ? turnout.error ? <ErrorMessage error={turnout.error} /> : <Loading /> : <ReferendumTurnout turnout={turnout.data} />}
      {turnout.data !== undefined ? <p className="hint">{t('console.referendums.turnoutHint', { electors: format.number(turnout.data.electors) })}</p> : null}
    </section>
  );
}
