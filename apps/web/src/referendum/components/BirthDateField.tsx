import { useTranslation } from '../../app/i18n/i18n';
import '../i18n/messages';

export interface BirthDateParts {
  day: string;
  month: string;
  year: string;
}

/** Day, month and year in three boxes, as public services ask for a date people know by heart. */
export function BirthDateField({ value, onChange, error }: { value: BirthDateParts; onChange: (value: BirthDateParts) => void; error: string | null }) {
  const { t } = useTranslation();
  const part = (key: keyof BirthDateParts, label: string, width: string, autoComplete: string) => (
    <div className={`date-part ${width}`}>
      <label htmlFor={`birth-${key}`}>{label}</label>
      <input
        id={`birth-${key}`}
        inputMode="numeric"
        autoComplete={autoComplete}
        maxLength={key === 'year' ? 4 : 2}
        value={value[key]}
        aria-invalid={error ? true : undefined}
        onChange={(event) => onChange({ ...value, [key]: event.target.value.replace(/\D/g, '') })}
      />
    </div>
  );
  return (
    <fieldset className={`field date-field${error ? ' field-invalid' : ''}`} aria-describedby={`birth-hint${error ? ' birth-error' : ''}`} id="birth-date">
      <legend>{t('referendum.identify.birthDate')}</legend>
      <p className="hint" id="birth-hint">
        {t('referendum.identify.birthDateHint')}
      </p>
      {error ? (
        <p className="field-error" id="birth-error">
          {error}
        </p>
      ) : null}
      <div className="date-parts">
        {part('day', t('referendum.identify.day'), 'w2', 'bday-day')}
        {part('month', t('referendum.identify.month'), 'w2', 'bday-month')}
        {part('year', t('referendum.identify.year'), 'w4', 'bday-year')}
      </div>
    </fieldset>
  );
}
