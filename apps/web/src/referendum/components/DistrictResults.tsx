import { useTranslation } from '../../app/i18n/i18n';
import type { Schemas } from '../../app/api/client';
import { useFormat } from '../../app/i18n/useFormat';
import '../i18n/messages';

/** A question's result in each district; districts with too few voters are said to be withheld, and why. */
export function DistrictResults({ question, threshold }: { question: Schemas['QuestionResultDto']; threshold: number }) {
  const { t } = useTranslation();
  const format = useFormat();
  const columns = question.kind === 'majority-judgment' ? (question.total.ranking?.ranking.map((entry) => entry.option) ?? []) : (question.total.options?.map((option) => option.label) ?? []);
  const caption = t('referendum.results.byDistrictOf', { text: question.text });
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label={caption}>
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('referendum.turnout.district')}</th>
            <th scope="col">{t('referendum.turnout.voters')}</th>
            {columns.map((column) => (
              <th scope="col" key={column}>
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {question.districts.map((district) => (
            <tr key={district.district}>
              <th scope="row">{district.district}</th>
              <td>{format.number(district.voters)}</td>
              {district.withheld || district.outcome === undefined ? (
                <td colSpan={columns.length}>{t('referendum.results.withheld', { threshold })}</td>
              ) : question.kind === 'majority-judgment' ? (
                columns.map((column) => {
                  const entry = district.outcome!.ranking?.ranking.find((candidate) => candidate.option === column);
                  return <td key={column}>{entry === undefined ? '—' : t('referendum.results.rankAndGrade', { count: entry.rank, ordinal: true, grade: entry.majorityGradeLabel })}</td>;
                })
              ) : (
                columns.map((column) => {
                  const option = district.outcome!.options?.find((candidate) => candidate.label === column);
                  return <td key={column}>{option === undefined ? '—' : `${format.percent(option.share)} (${format.number(option.votes)})`}</td>;
                })
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
