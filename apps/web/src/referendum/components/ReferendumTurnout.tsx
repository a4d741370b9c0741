import { useTranslation } from '../../app/i18n/i18n';
import type { Schemas } from '../../app/api/client';
import { useFormat } from '../../app/i18n/useFormat';
import { ProgressMeter } from '../../ui/ProgressMeter';
import '../i18n/messages';

/** Turnout drawn against the electors, overall and (unless compact) by district, with every figure written. */
export function ReferendumTurnout({ turnout, compact = false }: { turnout: Schemas['ReferendumTurnoutDto']; compact?: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const share = (voters: number, electors: number): string => format.percent(electors === 0 ? 0 : voters / electors);
  return (
    <div className="turnout">
      <ProgressMeter value={turnout.voters} max={turnout.electors}>
        {t('referendum.turnout.line', {
          voters: format.number(turnout.voters),
          electors: format.number(turnout.electors),
          share: share(turnout.voters, turnout.electors),
          online: format.number(turnout.online),
          paper: format.number(turnout.paper),
        })}
      </ProgressMeter>
      {compact || turnout.districts.length === 0 ? null : (
        <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="turnout-caption">
          <table>
            <caption id="turnout-caption">{t('referendum.turnout.byDistrict')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('referendum.turnout.district')}</th>
                <th scope="col">{t('referendum.turnout.electors')}</th>
                <th scope="col">{t('referendum.turnout.voters')}</th>
                <th scope="col">{t('referendum.turnout.share')}</th>
                <th scope="col">{t('referendum.turnout.online')}</th>
                <th scope="col">{t('referendum.turnout.paper')}</th>
              </tr>
            </thead>
            <tbody>
              {turnout.districts.map((district) => (
                <tr key={district.district}>
                  <th scope="row">{district.district}</th>
                  <td>{format.number(district.electors)}</td>
                  <td>{format.number(district.voters)}</td>
                  <td>
                    <span className="inline-meter" aria-hidden="true">
                      <span style={{ width: `${district.electors === 0 ? 0 : (100 * district.voters) / district.electors}%` }} />
                    </span>
                    {share(district.voters, district.electors)}
                  </td>
                  <td>{format.number(district.online)}</td>
                  <td>{format.number(district.paper)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
