import { Link } from 'react-router';
import { useSession } from '../../app/auth/useSession';
import { useTranslation } from '../../app/i18n/i18n';
import { PageTitle } from '../../ui/PageTitle';
import { RequireRole } from '../components/RequireRole';
import { CONSOLE_ROLES, hasAnyRole } from '../utils/roles';
import '../i18n/messages';

/** The organisers' console: what each role runs from here. */
export function ConsoleHomePage() {
  const { t } = useTranslation();
  return (
    <RequireRole roles={CONSOLE_ROLES.any} title={t('console.home.title')}>
      <ConsoleHome />
    </RequireRole>
  );
}

function ConsoleHome() {
  const { t } = useTranslation();
  const roles = useSession().account?.roles;
  const organiser = hasAnyRole(roles, CONSOLE_ROLES.organise);
  const sections = [
    ...(organiser
      ? [
          { to: '/console/assemblies', title: t('console.home.assemblies'), body: t('console.home.assembliesBody') },
          { to: '/console/polls', title: t('console.home.polls'), body: t('console.home.pollsBody') },
          { to: '/console/referendums', title: t('console.home.referendums'), body: t('console.home.referendumsBody') },
          { to: '/console/budget', title: t('console.home.budget'), body: t('console.home.budgetBody') },
        ]
      : []),
    ...(hasAnyRole(roles, CONSOLE_ROLES.audit) ? [{ to: '/console/audit', title: t('console.home.audit'), body: t('console.home.auditBody') }] : []),
  ];
  return (
    <>
      <PageTitle title={t('console.home.title')} />
      <p className="lead">{t('console.home.lead')}</p>
      <ul className="card-list">
        {sections.map((section) => (
          <li key={section.to} className="card">
            <h2 className="card-title">
              <Link to={section.to}>{section.title}</Link>
            </h2>
            <p>{section.body}</p>
          </li>
        ))}
      </ul>
    </>
  );
}
