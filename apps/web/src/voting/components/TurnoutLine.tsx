import { useTranslation } from '../../app/i18n/i18n';
import type { Schemas } from '../../app/api/client';
import { useFormat } from '../../app/i18n/useFormat';
import { ProgressMeter } from '../../ui/ProgressMeter';

/** How many have voted (the only figure while a poll is open), drawn against those entitled when known. */
export function TurnoutLine({ turnout }: { turnout: Schemas['TurnoutDto'] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const voted = t('voting.turnout.voted', { count: turnout.participants, formatted: format.number(turnout.participants) });
  if (turnout.eligible === undefined || turnout.eligible === 0) return <p className="turnout">{voted}</p>;
  return (
    <ProgressMeter value={turnout.participants} max={turnout.eligible}>
      {voted} {t('voting.turnout.ofEligible', { eligible: format.number(turnout.eligible), share: format.percent(turnout.participants / turnout.eligible) })}
    </ProgressMeter>
  );
}
