import { useTranslation } from '../../app/i18n/i18n';
import { Link } from 'react-router';
import { TimeText } from '../../ui/TimeText';
import type { VoteListItem } from '../utils/vote-items';

/** Votes as a list of links, each with what kind of vote it is and when it closes (or closed). */
export function VoteList({ items, empty }: { items: readonly VoteListItem[]; empty: string }) {
  const { t } = useTranslation();
  if (items.length === 0) return <p className="empty">{empty}</p>;
  return (
    <ul className="card-list">
      {items.map((item) => (
        <li key={`${item.kind}:${item.id}`} className="card">
          <p className="card-kind">{item.kind === 'poll' ? t('votes.kindPoll') : t('votes.kindReferendum')}</p>
          <h3 className="card-title">
            <Link to={item.href}>{item.title}</Link>
          </h3>
          <p className="card-meta">
            {item.closedAt !== undefined ? (
              <>
                {t('votes.closedOn')} <TimeText iso={item.closedAt} />
              </>
            ) : item.closesAt !== undefined ? (
              <>
                {t('votes.closesOn')} <TimeText iso={item.closesAt} />
              </>
            ) : (
              t('votes.noDeadline')
            )}
          </p>
        </li>
      ))}
    </ul>
  );
}
