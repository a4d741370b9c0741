import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api, call } from '../../app/api/client';
import { useTranslation } from '../../app/i18n/i18n';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { Loading } from '../../ui/Loading';
import { PageTitle } from '../../ui/PageTitle';
import '../i18n/messages';

const ROWS = ['accounts', 'identities', 'signIns', 'pools', 'lists', 'respondents', 'rolls', 'attendance', 'contributions', 'ballots'] as const;
const COLUMNS = ['what', 'why', 'who', 'kept'] as const;

/** The register of personal data (docs/personal-data.md), with the retention periods this deployment enforces. */
export function PrivacyPage() {
  const { t } = useTranslation();
  const periods = useQuery({ queryKey: ['privacy', 'retention'], queryFn: () => call(api.GET('/api/privacy/retention')), staleTime: Infinity });
  return (
    <>
      <PageTitle title={t('privacy.title')} />
      <p className="lead">{t('privacy.intro')}</p>
      {periods.error !== null ? <ErrorMessage error={periods.error} /> : null}
      {periods.data === undefined ? (
        periods.error === null ? <Loading /> : null
      ) : (
        <div className="table-scroll" role="region" aria-labelledby="register-caption" tabIndex={0}>
          <table className="register">
            <caption id="register-caption">{t('privacy.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('privacy.columns.data')}</th>
                {COLUMNS.map((column) => (
                  <th key={column} scope="col">
                    {t(`privacy.columns.${column}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {ROWS.map((row) => (
                <tr key={row}>
                  <th scope="row">{t(`privacy.rows.${row}.data`)}</th>
                  {COLUMNS.map((column) => (
                    <td key={column} data-label={t(`privacy.columns.${column}`)}>
                      {t(`privacy.rows.${row}.${column}`, periods.data)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p>
        {t('privacy.rights')} <Link to="/account">{t('account.title')}</Link>
      </p>
    </>
  );
}
