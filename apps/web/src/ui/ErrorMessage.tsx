import type { ReactNode } from 'react';
import { useTranslation } from '../app/i18n/i18n';
import { describeError, WITH_SERVER_DETAIL } from '../app/api/describe-error';
import { ApiError } from '../app/api/errors';

/**
 * An error said in plain words, with what to do next (`describeError`); announced at once
 * (role=alert). `children` adds an action, such as a retry button or a link.
 */
export function ErrorMessage({ error, children, id }: { error: unknown; children?: ReactNode; id?: string }) {
  const { t } = useTranslation();
  const { key, values, fallback } = describeError(error);
  // The translator answers the key itself when the sentence's bundle is not loaded on this page.
  const sentence = t(key, values);
  return (
    <div role="alert" className="notice notice-error" id={id}>
      <p>{sentence === key && fallback !== undefined ? t(fallback.key, fallback.values) : sentence}</p>
      {error instanceof ApiError && WITH_SERVER_DETAIL.has(error.code) ? (
        <p className="hint">
          {t('errors.detail')} <span lang="en">{error.message}</span>
        </p>
      ) : null}
      {children}
    </div>
  );
}
