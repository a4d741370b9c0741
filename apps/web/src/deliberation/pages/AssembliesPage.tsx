import { Link } from 'react-router';
import { useTranslation } from '../../app/i18n/i18n';
import { PageFallback } from '../../ui/PageFallback';
import { PageTitle } from '../../ui/PageTitle';
import { useAllAssemblies } from '../hooks/assemblies';
import '../i18n/messages';

/** The city's assemblies. */
export function AssembliesPage() {
  const { t } = useTranslation();
  const assemblies = useAllAssemblies();
  if (assemblies.data === undefined) return <PageFallback title={t('assembly.listTitle')} error={assemblies.error} />;
  return (
    <>
      <PageTitle title={t('assembly.listTitle')} />
      {assemblies.data.items.length === 0 ? (
        <p className="empty">{t('assembly.none')}</p>
      ) : (
        <ul className="card-list">
          {assemblies.data.items.map((assembly) => (
            <li key={assembly.id} className="card">
              <p className="card-kind">{t(`assembly.status.${assembly.status}`)}</p>
              <h2 className="card-title">
                <Link to={`/assemblies/${assembly.id}`}>{assembly.name}</Link>
              </h2>
              <p className="card-meta">{t('assembly.seats', { count: assembly.seats })}</p>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
