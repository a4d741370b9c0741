import type { ReactNode } from 'react';
import { NavLink } from 'react-router';
import { useTranslation } from '../../app/i18n/i18n';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { Loading } from '../../ui/Loading';
import { PageTitle } from '../../ui/PageTitle';
import { useEdition, type Edition } from '../hooks/budget';
import { sectionsOf, type Section } from '../utils/phases';
import '../i18n/messages';

const PATHS: Record<Section, string> = { overview: '', ideas: '/ideas', projects: '/projects', vote: '/vote', results: '/results', 'follow-up': '/follow-up' };

/**
 * The frame of an edition's pages: its name and phase, the pages it has reached (ideas, projects,
 * vote, results, follow-up), then the page. Loads the edition once for all of them.
 */
export function EditionFrame({ editionId, title, children }: { editionId: string; title: (edition: Edition) => string; children: (edition: Edition) => ReactNode }) {
  const { t } = useTranslation();
  const edition = useEdition(editionId);
  if (edition.error) {
    return (
      <>
        <PageTitle title={t('budget.edition.unavailable')} />
        <ErrorMessage error={edition.error} />
      </>
    );
  }
  if (edition.data === undefined) return <Loading label={t('budget.edition.loading')} />;
  const current = edition.data;
  const heading = title(current);
  return (
    <>
      <p className="card-kind">
        {heading !== current.title ? `${current.title} · ` : ''}
        <span className="badge badge-small">{t(`budget.phases.${current.phase}`)}</span>
      </p>
      <PageTitle title={heading} />
      <nav aria-label={t('budget.nav.label', { title: current.title })} className="sub-nav">
        <ul>
          {sectionsOf(current.phase).map((section) => (
            <li key={section}>
              <NavLink to={`/budget/${current.id}${PATHS[section]}`} end>
                {t(`budget.nav.${section}`)}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      {children(current)}
    </>
  );
}
