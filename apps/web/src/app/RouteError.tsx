import { useTranslation } from './i18n/i18n';
import { useRouteError } from 'react-router';
import { ErrorMessage } from '../ui/ErrorMessage';
import { PageTitle } from '../ui/PageTitle';

/** A page that failed to load (a missing chunk after a release, a render error): say so, offer a reload. */
export function RouteError() {
  const { t } = useTranslation();
  const error = useRouteError();
  return (
    <main id="main" tabIndex={-1}>
      <PageTitle title={t('routeError.title')} />
      <ErrorMessage error={error}>
        <p>
          <button type="button" onClick={() => window.location.reload()}>
            {t('routeError.reload')}
          </button>
        </p>
      </ErrorMessage>
    </main>
  );
}
