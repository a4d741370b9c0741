import type { Schemas } from '../../app/api/client';
import { useTranslation } from '../../app/i18n/i18n';
import { useFormat } from '../../app/i18n/useFormat';
import '../i18n/messages';

/**
 * The quotas, one row per category and value: the bounds and the volunteers who have the value;
 * for a drawn panel also how many were chosen and whether the quota is met (said in words, not
 * only by a mark).
 */
export function QuotaTable({ rows, caption }: { rows: readonly Schemas['QuotaRowDto'][]; caption: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const checked = rows.some((row) => row.selected !== undefined);
  return (
    <div className="table-scroll" role="region" aria-label={caption} tabIndex={0}>
      <table className="quota-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('console.quotas.category')}</th>
            <th scope="col">{t('console.quotas.value')}</th>
            <th scope="col" className="number">
              {t('console.quotas.min')}
            </th>
            <th scope="col" className="number">
              {t('console.quotas.max')}
            </th>
            <th scope="col" className="number">
              {t('console.quotas.volunteers')}
            </th>
            {checked ? (
              <>
                <th scope="col" className="number">
                  {t('console.quotas.selected')}
                </th>
                <th scope="col">{t('console.quotas.met')}</th>
              </>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, index) => (
            <tr key={`${row.category}\u0000${row.value}`} className={row.met === false ? 'quota-unmet' : undefined}>
              {index === 0 || rows[index - 1].category !== row.category ? (
                <th scope="rowgroup" rowSpan={rows.filter((other) => other.category === row.category).length}>
                  {row.category}
                </th>
              ) : null}
              <th scope="row">{row.value}</th>
              <td className="number">{format.number(row.min)}</td>
              <td className="number">{format.number(row.max)}</td>
              <td className="number">{format.number(row.volunteers)}</td>
              {checked ? (
                <>
                  <td className="number">{row.selected === undefined ? '—' : format.number(row.selected)}</td>
                  <td>{row.met === true ? <span className="quota-ok">✓ {t('console.quotas.yes')}</span> : <span className="quota-no">✗ {t('console.quotas.no')}</span>}</td>
                </>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
