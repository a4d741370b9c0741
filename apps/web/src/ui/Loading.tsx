import { useTranslation } from '../app/i18n/i18n';

/** A polite "loading" line that screen readers announce once. */
export function Loading({ label }: { label?: string }) {
  const { t } = useTranslation();
  return (
    <p role="status" className="loading">
      {label ?? t('common.loading')}
    </p>
  );
}
