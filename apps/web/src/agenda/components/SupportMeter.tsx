import { useTranslation } from '../../app/i18n/i18n';
import type { Schemas } from '../../app/api/client';
import { useFormat } from '../../app/i18n/useFormat';
import { ProgressMeter } from '../../ui/ProgressMeter';
import { TimeText } from '../../ui/TimeText';
import '../i18n/messages';

/** Supports gathered, drawn against the threshold, with the exact figures and the deadline. */
export function SupportMeter({ petition }: { petition: Schemas['ProposalDto'] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const threshold = petition.supportThreshold;
  if (threshold === undefined) return <p className="card-meta">{t('agenda.supports', { count: petition.supportCount, formatted: format.number(petition.supportCount) })}</p>;
  return (
    <ProgressMeter value={petition.supportCount} max={threshold}>
      {t('agenda.supportsOfThreshold', {
        count: petition.supportCount,
        formatted: format.number(petition.supportCount),
        threshold: format.number(threshold),
        share: format.percent(Math.min(1, petition.supportCount / threshold), 0),
      })}
      {petition.supportDeadline !== undefined && petition.state === 'collecting' ? (
        <>
          {' '}
          {t('agenda.until')} <TimeText iso={petition.supportDeadline} dateOnly />
        </>
      ) : null}
    </ProgressMeter>
  );
}
