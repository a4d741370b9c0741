import { Link } from 'react-router';
import { useTranslation } from '../../app/i18n/i18n';
import { TimeText } from '../../ui/TimeText';
import type { Idea } from '../hooks/budget';
import '../i18n/messages';

/** Ideas as cards: where, by whom, followers, and the projects they became. */
export function IdeaList({ ideas, empty }: { ideas: readonly Idea[]; empty: string }) {
  const { t } = useTranslation();
  if (ideas.length === 0) return <p className="empty">{empty}</p>;
  return (
    <ul className="card-list">
      {ideas.map((idea) => (
        <li key={idea.id} className="card">
          <p className="card-kind">{idea.district === null ? t('budget.citywide') : t('budget.district', { district: idea.district })}</p>
          <h3 className="card-title">
            <Link to={`/budget/ideas/${idea.id}`}>{idea.title}</Link>
          </h3>
          <p className="card-meta">
            {t('budget.idea.by', { name: idea.authorName })}, <TimeText iso={idea.createdAt} dateOnly /> · {t('budget.idea.followers', { count: idea.followers })}
          </p>
          {idea.projects.length > 0 ? <p className="card-meta">{t('budget.idea.became', { count: idea.projects.length, titles: idea.projects.map((project) => project.title).join(', ') })}</p> : null}
        </li>
      ))}
    </ul>
  );
}
