import { useTranslation } from '../../app/i18n/i18n';
import type { Envelope } from '../hooks/budget';
import { districtsOf } from '../utils/phases';
import '../i18n/messages';

/**
 * The `<option>`s of a place chooser: an optional first one (`empty`, e.g. "Everywhere" or
 * "Choose…"), "citywide" unless left out, then each district with an envelope, in their natural order.
 */
export function DistrictOptions({ envelopes, empty, citywide = true }: { envelopes: readonly Envelope[] | undefined; empty?: string; citywide?: boolean }) {
  const { t } = useTranslation();
  return (
    <>
      {empty !== undefined ? <option value="">{empty}</option> : null}
      {citywide ? <option value="citywide">{t('budget.citywide')}</option> : null}
      {districtsOf(envelopes ?? []).map((name) => (
        <option key={name} value={name}>
          {t('budget.district', { district: name })}
        </option>
      ))}
    </>
  );
}
