import { useState } from 'react';
import { Link, useParams } from 'react-router';
import type { Schemas } from '../../app/api/client';
import { useTranslation } from '../../app/i18n/i18n';
import { useFormat } from '../../app/i18n/useFormat';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { Notice } from '../../ui/Notice';
import { PageFallback } from '../../ui/PageFallback';
import { PageTitle } from '../../ui/PageTitle';
import { TextField } from '../../ui/TextField';
import { TimeText } from '../../ui/TimeText';
import { saveFile } from '../../ui/utils/download';
import { BundleDownload } from '../components/BundleDownload';
import { DrawProgress } from '../components/DrawProgress';
import { ProbabilityChart } from '../components/ProbabilityChart';
import { QuotaTable } from '../components/QuotaTable';
import { RequireRole } from '../components/RequireRole';
import { useCancelDraw, useCompareWithLegacy, useDraw } from '../hooks/sortition';
import { probabilitiesCsv } from '../utils/probabilities';
import { CONSOLE_ROLES } from '../utils/roles';
import '../i18n/messages';

type Draw = Schemas['DrawDto'];

/**
 * One draw, live: its progress while it computes (the `/sortition` socket), then every volunteer's
 * probability, the lottery digest to publish before the seed, and the way to the seed ceremony;
 * once seeded, the panel checked against the quotas and the bundle anyone can re-run.
 */
export function DrawPage() {
  const { t } = useTranslation();
  return (
    <RequireRole roles={CONSOLE_ROLES.organise} title={t('console.draw.title')}>
      <DrawConsole />
    </RequireRole>
  );
}

function DrawConsole() {
  const { drawId = '' } = useParams();
  const { t } = useTranslation();
  const draw = useDraw(drawId);
  if (draw.data === undefined) return <PageFallback title={t('console.draw.title')} error={draw.error} />;
  const data = draw.data;
  return (
    <>
      <PageTitle title={t(data.kind === 'replacement' ? 'console.draw.titleReplacement' : 'console.draw.title')} />
      <p>
        <Link to={`/console/assemblies/${data.assemblyId}/sortition`}>{t('console.draw.back')}</Link>
      </p>
      <p className="meta">
        {t(`console.draw.algorithm.${data.algorithm}`)} · {t('console.draw.seatsToFill', { count: data.size })} · {t('console.draw.requestedAt')} <TimeText iso={data.createdAt} />
      </p>
      <p className="draw-status" role="status">
        {t('console.draw.statusIs')} <strong>{t(`console.draw.status.${data.status}`)}</strong>
      </p>

      {data.status === 'queued' || data.status === 'running' ? (
        <>
          <DrawProgress status={data.status} progress={data.progress} />
          <CancelDraw drawId={data.id} />
        </>
      ) : null}
      {data.status === 'failed' && data.error !== undefined ? (
        <div role="alert" className="notice notice-error">
          <p>{t(`console.draw.failure.${data.error.code as 'DRAW_FAILED'}`, {})}</p>
          <p className="hint" lang="en">
            {data.error.message}
          </p>
        </div>
      ) : null}
      {data.status === 'cancelled' ? <Notice>{t('console.draw.cancelled')}</Notice> : null}

      {data.status === 'computed' ? <PublishDigest draw={data} /> : null}
      {data.status === 'seeded' ? <SeededPanel draw={data} /> : null}
      {data.result?.probabilities !== undefined ? <Probabilities draw={data} /> : null}
      {data.status === 'computed' ? <CancelDraw drawId={data.id} discard /> : null}
    </>
  );
}

function PublishDigest({ draw }: { draw: Draw }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="digest-heading" className="section">
      <h2 id="digest-heading">{t('console.draw.digestHeading')}</h2>
      <ol className="ceremony-steps">
        <li>
          {t('console.draw.publish')}
          <p>
            <code className="digest digest-large">{draw.lotteryDigest}</code>
          </p>
        </li>
        <li>{t('console.draw.dice')}</li>
        <li>{t('console.draw.enterSeed')}</li>
      </ol>
      <p>
        <Link className="button primary" to={`/console/draws/${draw.id}/ceremony`}>
          {t('console.draw.toCeremony')}
        </Link>
      </p>
      <BundleDownload draw={draw} />
    </section>
  );
}

function SeededPanel({ draw }: { draw: Draw }) {
  const { t } = useTranslation();
  const met = draw.quotaCheck?.every((row) => row.met === true) ?? false;
  return (
    <section aria-labelledby="panel-heading" className="section">
      <h2 id="panel-heading">{t('console.draw.panelHeading', { count: draw.panel?.length ?? 0 })}</h2>
      <p>
        {t('console.draw.seedWas')} <code>{draw.seed}</code> · {t('console.draw.drawnIndex', { index: (draw.drawnIndex ?? 0) + 1, size: draw.lotterySize })}
      </p>
      <p>{met ? t('console.draw.quotasMet') : t('console.draw.quotasNotMet')}</p>
      {draw.quotaCheck !== undefined ? <QuotaTable rows={draw.quotaCheck} caption={t('console.draw.quotaCheck')} /> : null}
      <BundleDownload draw={draw} />
      <p>
        <Link to={`/console/assemblies/${draw.assemblyId}`}>{t('console.draw.toMembers')}</Link>
      </p>
    </section>
  );
}

function Probabilities({ draw }: { draw: Draw }) {
  const { t } = useTranslation();
  const format = useFormat();
  const compare = useCompareWithLegacy(draw.id);
  const result = draw.result!;
  const comparison = draw.legacyComparison;
  const legacy =
    comparison?.status === 'computed' && comparison.probabilities !== undefined ? { probabilities: comparison.probabilities, gini: comparison.gini ?? 0, runs: comparison.runs } : undefined;
  return (
    <section aria-labelledby="probabilities-heading" className="section">
      <h2 id="probabilities-heading">{t('console.draw.probabilities')}</h2>
      <p>
        {t('console.draw.probabilitiesLead', { volunteers: format.number(result.poolSize), k: draw.size, panels: format.number(result.panelCount) })}
      </p>
      <ProbabilityChart probabilities={result.probabilities!} algorithm={draw.algorithm} kOverN={result.kOverN} gini={result.gini} legacy={legacy} />
      <div className="actions">
        <button type="button" onClick={() => saveFile(probabilitiesCsv(result.probabilities!, legacy?.probabilities), `probabilities-${draw.id.slice(0, 8)}.csv`, 'text/csv;charset=utf-8')}>
          {t('console.draw.downloadProbabilities')}
        </button>
        {draw.algorithm !== 'legacy' && legacy === undefined ? (
          <button type="button" disabled={compare.isPending || comparison?.status === 'running'} onClick={() => compare.mutate(10_000)}>
            {t('console.draw.compare')}
          </button>
        ) : null}
      </div>
      {comparison?.status === 'running' ? (
        <p role="status" className="loading">
          {t('console.draw.comparing', { runs: format.number(comparison.runs) })}
        </p>
      ) : null}
      {comparison?.status === 'failed' ? (
        <div role="alert" className="notice notice-error">
          <p>{t('console.draw.compareFailed')}</p>
        </div>
      ) : null}
      {compare.error ? <ErrorMessage error={compare.error} /> : null}
    </section>
  );
}

function CancelDraw({ drawId, discard = false }: { drawId: string; discard?: boolean }) {
  const { t } = useTranslation();
  const cancel = useCancelDraw(drawId);
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  if (!open) {
    return (
      <p>
        <button type="button" onClick={() => setOpen(true)}>
          {discard ? t('console.draw.discard') : t('console.draw.cancel')}
        </button>
      </p>
    );
  }
  return (
    <form
      className="inline-form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (reason.trim() === '') return setProblem(t('console.draw.cancelReasonRequired'));
        setProblem(null);
        cancel.mutate(reason.trim());
      }}
    >
      <TextField label={t('console.draw.cancelReason')} hint={t('console.draw.cancelReasonHint')} value={reason} error={problem} onChange={(event) => setReason(event.target.value)} maxLength={500} />
      {cancel.error ? <ErrorMessage error={cancel.error} /> : null}
      <div className="actions">
        <button type="button" onClick={() => setOpen(false)}>
          {t('common.cancel')}
        </button>
        <button type="submit" className="danger" disabled={cancel.isPending}>
          {discard ? t('console.draw.discardConfirm') : t('console.draw.cancelConfirm')}
        </button>
      </div>
    </form>
  );
}
