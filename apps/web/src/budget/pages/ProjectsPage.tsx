import { Link, useParams, useSearchParams } from 'react-router';
import { useTranslation } from '../../app/i18n/i18n';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { Loading } from '../../ui/Loading';
import { DistrictOptions } from '../components/DistrictOptions';
import { EditionFrame } from '../components/EditionFrame';
import { Feasibility } from '../components/Feasibility';
import { useEnvelopes, useProjects, type Edition } from '../hooks/budget';
import '../i18n/messages';

/** The projects the city made of the ideas, with the services' verdict on each (public reason, cost, envelope). */
export function ProjectsPage() {
  const { editionId = '' } = useParams();
  const { t } = useTranslation();
  return (
    <EditionFrame editionId={editionId} title={() => t('budget.projects.title')}>
      {(edition) => <Projects edition={edition} />}
    </EditionFrame>
  );
}

function Projects({ edition }: { edition: Edition }) {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const district = params.get('district') ?? '';
  const projects = useProjects(edition.id);
  const envelopes = useEnvelopes(edition.id);
  const shown = projects.data?.filter(({ district: own }) => district === '' || (district === 'citywide' ? own === null : own === district));
  const counts = { admissible: 0, inadmissible: 0, pending: 0 };
  for (const project of shown ?? []) counts[project.feasibility] += 1;

  return (
    <>
      <p className="lead">{t('budget.projects.intro')}</p>
      <div className="filters">
        <div className="field">
          <label htmlFor="project-district">{t('budget.ideas.where')}</label>
          <select
            id="project-district"
            value={district}
            onChange={(event) => {
              const next = new URLSearchParams(params);
              if (event.target.value === '') next.delete('district');
              else next.set('district', event.target.value);
              setParams(next, { replace: true });
            }}
          >
            <DistrictOptions envelopes={envelopes.data} empty={t('budget.ideas.everywhere')} />
          </select>
        </div>
      </div>
      {projects.error ? (
        <ErrorMessage error={projects.error} />
      ) : shown === undefined ? (
        <Loading />
      ) : shown.length === 0 ? (
        <p className="empty">{t('budget.projects.none')}</p>
      ) : (
        <>
          <p role="status" className="meta">
            {t('budget.projects.counts', { count: shown.length, admissible: counts.admissible, inadmissible: counts.inadmissible, pending: counts.pending })}
          </p>
          <ul className="card-list">
            {shown.map((project) => (
              <li key={project.id} className="card">
                <p className="card-kind">{project.district === null ? t('budget.citywide') : t('budget.district', { district: project.district })}</p>
                <h2 className="card-title">
                  <Link to={`/budget/projects/${project.id}`}>{project.title}</Link>
                </h2>
                <Feasibility project={project} envelope={envelopes.data?.find((envelope) => envelope.id === project.envelopeId)} />
                <p className="card-meta">{t('budget.project.fromIdeas', { count: project.ideas.length })}</p>
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}
