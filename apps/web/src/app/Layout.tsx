import { useEffect, useRef } from 'react';
import { useTranslation } from './i18n/i18n';
import { Link, NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { signOut } from './auth/session';
import { useSession } from './auth/useSession';
import { LanguageSwitch } from './LanguageSwitch';
import { CONSOLE_ROLES, hasAnyRole } from '../console/utils/roles';
import { useOfficerAssignments } from '../console/hooks/officer';

/**
 * The frame of every page: skip link, header with the main navigation and the account, the page
 * in `<main>`, footer. After each navigation focus moves to the new page's `h1`.
 */
export function Layout() {
  const { t } = useTranslation();
  const session = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const previousPath = useRef<string | null>(null);
  // Polling-station officers are residents like others: the header offers their page when they have one.
  const officer = useOfficerAssignments(session.status === 'signed-in');

  useEffect(() => {
    if (previousPath.current !== null && previousPath.current !== location.pathname) {
      const heading = document.querySelector<HTMLElement>('main h1');
      (heading ?? document.getElementById('main'))?.focus();
      window.scrollTo(0, 0);
    }
    previousPath.current = location.pathname;
  }, [location.pathname]);

  const leave = async (): Promise<void> => {
    await signOut();
    await navigate('/', { state: { signedOut: true } });
  };

  return (
    <>
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="site-header">
        <div className="site-header-inner">
          <Link to="/" className="brand">
            <img src="/favicon.svg" alt="" width="28" height="28" />
            <span>Pnyx</span>
          </Link>
          <nav aria-label={t('app.nav.label')} className="main-nav">
            <ul>
              <li>
                <NavLink to="/" end>
                  {t('app.nav.home')}
                </NavLink>
              </li>
              <li>
                <NavLink to="/votes">{t('app.nav.votes')}</NavLink>
              </li>
              <li>
                <NavLink to="/petitions">{t('app.nav.petitions')}</NavLink>
              </li>
              <li>
                <NavLink to="/budget">{t('app.nav.budget')}</NavLink>
              </li>
              <li>
                <NavLink to="/assemblies">{t('app.nav.assemblies')}</NavLink>
              </li>
              <li>
                <NavLink to="/verify">{t('app.nav.verify')}</NavLink>
              </li>
              {(officer.data?.length ?? 0) > 0 ? (
                <li>
                  <NavLink to="/officer">{t('app.nav.officer')}</NavLink>
                </li>
              ) : null}
              {hasAnyRole(session.account?.roles, CONSOLE_ROLES.any) ? (
                <li>
                  <NavLink to="/console">{t('app.nav.console')}</NavLink>
                </li>
              ) : null}
            </ul>
          </nav>
          <div className="account">
            {session.status === 'signed-in' && session.account !== null ? (
              <>
                <Link to="/account" className="account-name" aria-label={`${t('app.account.myAccount')} — ${t('app.account.signedInAs', { name: session.account.displayName })}`}>
                  {t('app.account.signedInAs', { name: session.account.displayName })}
                </Link>
                <button type="button" className="link-button" onClick={() => void leave()}>
                  {t('app.account.signOut')}
                </button>
              </>
            ) : session.status === 'signed-out' ? (
              <>
                <Link to={`/signin?next=${encodeURIComponent(location.pathname + location.search)}`}>{t('app.account.signIn')}</Link>
                <Link to="/signup">{t('app.account.signUp')}</Link>
              </>
            ) : null}
            <LanguageSwitch />
          </div>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        <Outlet />
      </main>
      <footer className="site-footer">
        <p>{t('app.footer.about')}</p>
        <ul>
          <li>
            <a href="/api/docs">{t('app.footer.api')}</a>
          </li>
          <li>
            <Link to="/verify">{t('app.nav.verify')}</Link>
          </li>
        </ul>
      </footer>
    </>
  );
}
