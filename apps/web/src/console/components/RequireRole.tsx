import type { ReactNode } from 'react';
import { Link, useLocation } from 'react-router';
import { useSession } from '../../app/auth/useSession';
import { useTranslation } from '../../app/i18n/i18n';
import { Loading } from '../../ui/Loading';
import { Notice } from '../../ui/Notice';
import { PageTitle } from '../../ui/PageTitle';
import { hasAnyRole, type GlobalRole } from '../utils/roles';
import '../i18n/messages';

/**
 * A console page for the people with one of `roles`: others get the page that says so (403), signed-
 * out visitors the way to sign in — the page itself is never half shown. The API checks again.
 */
export function RequireRole({ roles, title, children }: { roles: readonly GlobalRole[]; title: string; children: ReactNode }) {
  const session = useSession();
  const location = useLocation();
  const { t } = useTranslation();
  if (session.status === 'restoring') {
    return (
      <>
        <PageTitle title={title} />
        <Loading />
      </>
    );
  }
  if (session.status === 'signed-out') {
    return (
      <>
        <PageTitle title={title} />
        <Notice>
          <p>{t('console.signIn')}</p>
          <p>
            <Link className="button primary" to={`/signin?next=${encodeURIComponent(location.pathname + location.search)}`}>
              {t('app.account.signIn')}
            </Link>
          </p>
        </Notice>
      </>
    );
  }
  if (!hasAnyRole(session.account?.roles, roles)) return <ForbiddenPage roles={roles} />;
  return <>{children}</>;
}

/** The 403 page: what this is, who may use it, what to do. */
export function ForbiddenPage({ roles }: { roles: readonly GlobalRole[] }) {
  const { t } = useTranslation();
  return (
    <>
      <PageTitle title={t('console.forbidden.title')} />
      <p>{t('console.forbidden.body', { roles: roles.map((role) => t(`console.roles.${role}`)).join(t('console.forbidden.or')) })}</p>
      <p>{t('console.forbidden.next')}</p>
      <p>
        <Link to="/">{t('notFound.home')}</Link>
      </p>
    </>
  );
}
