import type { ReactNode } from 'react';
import { useTranslation } from '../app/i18n/i18n';
import { describeError } from '../app/api/describe-error';

/**
 * An error said in plain words, with what to do next (`describeError`); announced at once
 * (role=alert). `children` adds an action, such as a retry button or a link.
 */
export function ErrorMessage({ error, children, id }: { error: unknown; children?: ReactNode; id?: string }) {
  const { t } = useTranslation();
  const { key, values } = describeError(error);
  return (
    <div role="alert" className="notice notice-error" id={id}>
      <p>{t(key, values)}</p>
      {children}
    </div>
  );
}
