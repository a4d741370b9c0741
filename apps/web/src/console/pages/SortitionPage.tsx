import { useEffect, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import type { Schemas } from '../../app/api/client';
import { isApiError } from '../../app/api/errors';
import { useTranslation } from '../../app/i18n/i18n';
import { useAssembly, useMemberships } from '../../deliberation/hooks/assemblies';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { Field } from '../../ui/Field';
import { Loading } from '../../ui/Loading';
import { Notice } from '../../ui/Notice';
import { PageFallback } from '../../ui/PageFallback';
import { PageTitle } from '../../ui/PageTitle';
import { TextField } from '../../ui/TextField';
import { TimeText } from '../../ui/TimeText';
import { PoolUploadError } from '../components/PoolUploadError';
import { QuotaTable } from '../components/QuotaTable';
import { RequireRole } from '../components/RequireRole';
import { sortitionConnection, useDraws, usePools, useQuotaTable, useStartDraw, useUploadPool } from '../hooks/sortition';
import { CONSOLE_ROLES } from '../utils/roles';
import '../i18n/messages';

type Algorithm = Schemas['RequestDrawDto']['algorithm'];

/** An assembly's pool of volunteers, its quotas, and its draws: upload, check, draw, replace. */
export function SortitionPage() {
  const { t } = useTranslation();
  return (
    <RequireRole roles={CONSOLE_ROLES.organise} title={t('console.sortition.title')}>
      <Sortition />
    </RequireRole>
  );
}

function Sortition() {
  const { assemblyId = '' } = useParams();
  const { t } = useTranslation();
  const assembly = useAssembly(assemblyId);
  const pools = usePools(assemblyId);
  const draws = useDraws(assemblyId);
  const memberships = useMemberships(assemblyId);
  // Connected before a draw starts, so its page follows it from the first progress report.
  useEffect(() => void sortitionConnection(), []);
  if (assembly.data === undefined) return <PageFallback title={t('console.sortition.title')} error={assembly.error} />;
  const latest = pools.data?.[0];
  const seededInitial = draws.data?.some((draw) => draw.kind === 'initial' && draw.status === 'seeded') ?? false;
  const open = draws.data?.find((draw) => draw.status === 'queued' || draw.status === 'running' || draw.status === 'computed');
  const seatedMembers = (memberships.data ?? []).filter((m) => m.role === 'member' && m.endedAt === undefined).length;
  const vacancies = assembly.data.seats - seatedMembers;

  return (
    <>
      <PageTitle title={t('console.sortition.titleOf', { assembly: assembly.data.name })} />
      <p>
        <Link to={`/console/assemblies/${assemblyId}`}>{t('console.sortition.back')}</Link>
      </p>
      <ol className="steps">
        <li className={latest !== undefined ? 'step-done' : 'step-current'}>{t('console.sortition.step1')}</li>
        <li className={seededInitial ? 'step-done' : latest !== undefined ? 'step-current' : undefined}>{t('console.sortition.step2')}</li>
        <li className={seededInitial ? 'step-current' : undefined}>{t('console.sortition.step3')}</li>
      </ol>

      <section aria-labelledby="pool-heading" className="section">
        <h2 id="pool-heading">{t('console.sortition.pool')}</h2>
        {pools.error ? <ErrorMessage error={pools.error} /> : null}
        {latest !== undefined ? <PoolSummary pool={latest} /> : <p>{t('console.sortition.noPool')}</p>}
        {!seededInitial && open === undefined ? <PoolUpload assemblyId={assemblyId} replacing={latest !== undefined} /> : null}
      </section>

      <section aria-labelledby="draws-heading" className="section">
        <h2 id="draws-heading">{t('console.sortition.draws')}</h2>
        {draws.data === undefined ? draws.error ? <ErrorMessage error={draws.error} /> : <Loading /> : <DrawList draws={draws.data} />}
        {open !== undefined ? (
          <Notice>
            <p>
              {t('console.sortition.openDraw')} <Link to={`/console/draws/${open.id}`}>{t('console.sortition.followDraw')}</Link>
            </p>
          </Notice>
        ) : latest === undefined ? null : !seededInitial ? (
          <StartDraw assemblyId={assemblyId} kind="initial" pool={latest} />
        ) : vacancies > 0 ? (
          <>
            <p>{t('console.assembly.vacancies', { count: vacancies })}</p>
            <StartDraw assemblyId={assemblyId} kind="replacement" pool={latest} />
          </>
        ) : (
          <p>{t('console.sortition.allSeated')}</p>
        )}
      </section>
    </>
  );
}

function PoolSummary({ pool }: { pool: Schemas['PoolDto'] }) {
  const { t } = useTranslation();
  const quotas = useQuotaTable(pool.id);
  return (
    <>
      <dl className="facts">
        <dt>{t('console.sortition.volunteers')}</dt>
        <dd>{pool.volunteerCount}</dd>
        <dt>{t('console.sortition.layout')}</dt>
        <dd>{t(`console.sortition.layouts.${pool.layout}`)}</dd>
        <dt>{t('console.sortition.uploaded')}</dt>
        <dd>
          <TimeText iso={pool.createdAt} />
        </dd>
        <dt>{t('console.sortition.quotasFile', { name: pool.quotasFileName })}</dt>
        <dd>
          <code className="digest">{pool.quotasSha256}</code>
        </dd>
        <dt>{t('console.sortition.poolFile', { name: pool.poolFileName })}</dt>
        <dd>
          <code className="digest">{pool.poolSha256}</code>
        </dd>
        {pool.householdColumns.length > 0 ? (
          <>
            <dt>{t('console.sortition.households')}</dt>
            <dd>{pool.householdColumns.join(', ')}</dd>
          </>
        ) : null}
      </dl>
      <p className="hint">{t('console.sortition.digestHint')}</p>
      {quotas.data !== undefined ? <QuotaTable rows={quotas.data} caption={t('console.sortition.quotaTable')} /> : quotas.error ? <ErrorMessage error={quotas.error} /> : <Loading />}
    </>
  );
}

function PoolUpload({ assemblyId, replacing }: { assemblyId: string; replacing: boolean }) {
  const { t } = useTranslation();
  const upload = useUploadPool(assemblyId);
  const [quotas, setQuotas] = useState<File | null>(null);
  const [pool, setPool] = useState<File | null>(null);
  const [households, setHouseholds] = useState('');
  const [problems, setProblems] = useState<{ quotas?: string; pool?: string }>({});
  return (
    <form
      className="form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const found = { ...(quotas === null ? { quotas: t('console.sortition.quotasRequired') } : {}), ...(pool === null ? { pool: t('console.sortition.poolRequired') } : {}) };
        setProblems(found);
        if (quotas === null || pool === null) return;
        upload.mutate({ quotas, pool, householdColumns: households });
      }}
    >
      <h3>{replacing ? t('console.sortition.uploadAgain') : t('console.sortition.upload')}</h3>
      <p className="hint">{t('console.sortition.uploadHint')}</p>
      <Field label={t('console.sortition.quotasInput')} hint={t('console.sortition.quotasInputHint')} error={problems.quotas}>
        {({ id, describedBy }) => (
          <input id={id} type="file" accept=".csv,text/csv" aria-describedby={describedBy} aria-invalid={problems.quotas === undefined ? undefined : true} onChange={(event) => setQuotas(event.target.files?.[0] ?? null)} />
        )}
      </Field>
      <Field label={t('console.sortition.poolInput')} hint={t('console.sortition.poolInputHint')} error={problems.pool}>
        {({ id, describedBy }) => (
          <input id={id} type="file" accept=".csv,text/csv" aria-describedby={describedBy} aria-invalid={problems.pool === undefined ? undefined : true} onChange={(event) => setPool(event.target.files?.[0] ?? null)} />
        )}
      </Field>
      <TextField label={t('console.sortition.householdColumns')} hint={t('console.sortition.householdColumnsHint')} value={households} onChange={(event) => setHouseholds(event.target.value)} />
      {upload.error ? isApiError(upload.error, 'POOL_CSV_INVALID', 'QUOTAS_INFEASIBLE') ? <PoolUploadError error={upload.error} /> : <ErrorMessage error={upload.error} /> : null}
      {upload.isPending ? <Loading label={t('console.sortition.checking')} /> : null}
      {upload.isSuccess ? (
        <Notice kind="success" live>
          <p>{t('console.sortition.uploadedOk', { count: upload.data.volunteerCount })}</p>
        </Notice>
      ) : null}
      <div className="actions">
        <button type="submit" className="primary" disabled={upload.isPending}>
          {t('console.sortition.uploadSubmit')}
        </button>
      </div>
    </form>
  );
}

function DrawList({ draws }: { draws: Schemas['DrawDto'][] }) {
  const { t } = useTranslation();
  if (draws.length === 0) return <p className="empty">{t('console.sortition.noDraw')}</p>;
  return (
    <div className="table-scroll" role="region" aria-labelledby="draws-heading" tabIndex={0}>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('console.sortition.requested')}</th>
            <th scope="col">{t('console.sortition.kind')}</th>
            <th scope="col">{t('console.sortition.algorithm')}</th>
            <th scope="col">{t('console.sortition.status')}</th>
          </tr>
        </thead>
        <tbody>
          {draws.map((draw) => (
            <tr key={draw.id}>
              <th scope="row">
                <Link to={`/console/draws/${draw.id}`}>
                  <TimeText iso={draw.createdAt} />
                </Link>
              </th>
              <td>{t(`console.sortition.kinds.${draw.kind as 'initial'}`)}</td>
              <td>{t(`console.draw.algorithm.${draw.algorithm}`)}</td>
              <td>{t(`console.draw.status.${draw.status}`)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function StartDraw({ assemblyId, kind, pool }: { assemblyId: string; kind: 'initial' | 'replacement'; pool: Schemas['PoolDto'] }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const start = useStartDraw(assemblyId, kind);
  const [algorithm, setAlgorithm] = useState<NonNullable<Algorithm>>('leximin');
  const [lotterySize, setLotterySize] = useState('1000');
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <form
      className="form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const size = Number(lotterySize);
        if (!Number.isInteger(size) || size < 1 || size > 100_000) return setProblem(t('console.sortition.lotteryInvalid'));
        setProblem(null);
        start.mutate({ algorithm, lotterySize: size, ...(kind === 'initial' ? { poolId: pool.id } : {}) }, { onSuccess: (draw) => void navigate(`/console/draws/${draw.id}`) });
      }}
    >
      <h3>{kind === 'initial' ? t('console.sortition.startTitle') : t('console.sortition.replaceTitle')}</h3>
      <fieldset>
        <legend>{t('console.sortition.algorithm')}</legend>
        {(['leximin', 'maximin', 'legacy'] as const).map((name) => (
          <p key={name} className="radio">
            <input id={`algorithm-${name}`} type="radio" name="algorithm" value={name} checked={algorithm === name} onChange={() => setAlgorithm(name)} aria-describedby={`algorithm-${name}-hint`} />
            <label htmlFor={`algorithm-${name}`}>{t(`console.draw.algorithm.${name}`)}</label>
            <span className="hint" id={`algorithm-${name}-hint`}>
              {t(`console.sortition.algorithmHint.${name}`)}
            </span>
          </p>
        ))}
      </fieldset>
      <TextField label={t('console.sortition.lotterySize')} hint={t('console.sortition.lotterySizeHint')} inputMode="numeric" value={lotterySize} error={problem} onChange={(event) => setLotterySize(event.target.value)} />
      {start.error ? <ErrorMessage error={start.error} /> : null}
      <div className="actions">
        <button type="submit" className="primary" disabled={start.isPending}>
          {kind === 'initial' ? t('console.sortition.start') : t('console.sortition.startReplacement')}
        </button>
      </div>
    </form>
  );
}
