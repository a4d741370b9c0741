import { useTranslation } from '../app/i18n/i18n';
import { gradeColours } from './utils/grade-colours';

/** The key to merit-profile colours, worst grade first as the bars read. */
export function GradeLegend({ grades }: { grades: readonly string[] }) {
  const { t } = useTranslation();
  const colours = gradeColours(grades.length);
  return (
    <div className="grade-legend">
      <p className="grade-legend-title">{t('voting.results.legend')}</p>
      <ul>
        {grades.map((grade, index) => (
          <li key={grade}>
            <span className="grade-legend-swatch" aria-hidden="true" style={{ background: colours[index] }} />
            {grade}
          </li>
        ))}
      </ul>
    </div>
  );
}
