import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../app/api/describe-error';

/**
 * An error said in plain words, with what to do next (`describeError`); announced at once
 * (role=alert). `children` adds an action, such as a retry button or a link.
 */
export function ErrorMessage({ error, children, id }: { error: unknown; children?: ReactNode; id?: string }) {
  const { t } = useTranslation();
  const { key, values } = describeError(error);
  // Keys are computed from error codes; a unit test checks each one exists in both languages.
  const translate = t as unknown as (key: string, values?: Record<string, unknown>) => string;
  return (
    <div role="alert" className="notice notice-error" id={id}>
      <p>{translate(key, values)}</p>
      {children}
    </div>
  );
}
