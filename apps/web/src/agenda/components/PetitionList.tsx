import { useTranslation } from '../../app/i18n/i18n';
import { Link } from 'react-router';
import type { Schemas } from '../../app/api/client';
import { SupportMeter } from './SupportMeter';
import '../i18n/messages';

/** Petitions as cards: title (link), state, and support gathered against the threshold. */
export function PetitionList({ petitions, empty }: { petitions: readonly Schemas['ProposalDto'][]; empty: string }) {
  const { t } = useTranslation();
  if (petitions.length === 0) return <p className="empty">{empty}</p>;
  return (
    <ul className="card-list">
      {petitions.map((petition) => (
        <li key={petition.id} className="card">
          <p className="card-kind">{t(`agenda.states.${petition.state}`)}</p>
          <h3 className="card-title">
            <Link to={`/petitions/${petition.id}`}>{petition.hidden ? t('agenda.hiddenTitle') : petition.title}</Link>
          </h3>
          <SupportMeter petition={petition} />
        </li>
      ))}
    </ul>
  );
}
