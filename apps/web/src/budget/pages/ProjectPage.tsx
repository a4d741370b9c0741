import { Link, useParams } from 'react-router';
import { useTranslation } from '../../app/i18n/i18n';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { Loading } from '../../ui/Loading';
import { PageTitle } from '../../ui/PageTitle';
import { Feasibility } from '../components/Feasibility';
import { useEnvelopes, useProject } from '../hooks/budget';
import '../i18n/messages';

/** A project: its description, the services' verdict, and the residents' ideas it was made of. */
export function ProjectPage() {
  const { projectId = '' } = useParams();
  const { t } = useTranslation();
  const project = useProject(projectId);
  const envelopes = useEnvelopes(project.data?.editionId ?? '');
  if (project.error) {
    return (
      <>
        <PageTitle title={t('budget.project.unavailable')} />
        <ErrorMessage error={project.error} />
      </>
    );
  }
  if (project.data === undefined) return <Loading label={t('budget.project.loading')} />;
  const current = project.data;
  return (
    <>
      <p className="card-kind">
        <Link to={`/budget/${current.editionId}/projects`}>{t('budget.project.back')}</Link>
      </p>
      <PageTitle title={current.title} />
      <p className="meta">
        {current.district === null ? t('budget.citywide') : t('budget.district', { district: current.district })}
        {current.location !== '' ? ` · ${current.location}` : ''}
      </p>
      <section aria-labelledby="project-feasibility" className="section">
        <h2 id="project-feasibility">{t('budget.project.feasibilityHeading')}</h2>
        <Feasibility project={current} envelope={envelopes.data?.find((envelope) => envelope.id === current.envelopeId)} />
      </section>
      {current.descriptionHtml !== '' ? (
        <section aria-labelledby="project-text" className="section">
          <h2 id="project-text">{t('budget.project.description')}</h2>
          {/* Safe HTML from the API: every tag of the Markdown is escaped; only http(s) and mailto links are made. */}
          <div className="prose" dangerouslySetInnerHTML={{ __html: current.descriptionHtml }} />
        </section>
      ) : null}
      <section aria-labelledby="project-ideas" className="section">
        <h2 id="project-ideas">{t('budget.project.ideasHeading')}</h2>
        <ul>
          {current.ideas.map((idea) => (
            <li key={idea.id}>
              <Link to={`/budget/ideas/${idea.id}`}>{idea.title}</Link>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
