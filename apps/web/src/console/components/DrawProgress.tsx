import type { Schemas } from '../../app/api/client';
import { useTranslation } from '../../app/i18n/i18n';
import { useFormat } from '../../app/i18n/useFormat';
import { progressShare } from '../utils/draw-progress';
import '../i18n/messages';

/**
 * A running draw's progress: a bar (`<progress>`, read by screen readers with its label) for the
 * share of the work done as far as it can be known, the phase in words, and the lowest probability
 * guaranteed so far.
 */
export function DrawProgress({ status, progress }: { status: Schemas['DrawDto']['status']; progress?: Schemas['DrawProgressDto'] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const share = progressShare(status, progress);
  return (
    <div className="draw-progress">
      <label htmlFor="draw-progress-bar">{status === 'queued' ? t('console.draw.progress.queued') : t(`console.draw.phase.${(progress?.phase ?? 'feasibility') as 'leximin'}`)}</label>
      <progress id="draw-progress-bar" max={100} value={share === null ? undefined : Math.round(share * 100)} aria-valuetext={share === null ? t('console.draw.progress.unknown') : format.percent(share, 0)} />
      <p className="meta" aria-live="polite">
        {share !== null ? `${format.percent(share, 0)} · ` : ''}
        {progress?.settledPeople !== undefined && progress.people !== undefined ? `${t('console.draw.progress.settled', { settled: format.number(progress.settledPeople), people: format.number(progress.people) })} · ` : ''}
        {progress?.minProbability !== undefined ? t('console.draw.progress.minSoFar', { value: format.percent(progress.minProbability, 2) }) : t('console.draw.progress.working')}
      </p>
    </div>
  );
}
