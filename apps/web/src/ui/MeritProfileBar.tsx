import { useTranslation } from '../app/i18n/i18n';
import { useFormat } from '../app/i18n/useFormat';
import { meritProfileView, type Count } from '../voting/utils/merit-profile';
import { gradeColours } from './utils/grade-colours';

/**
 * One option's merit profile: its votes per grade stacked worst to best along a bar, with the 50 %
 * line (the majority grade is the grade under it). The bar can take focus: the exact counts then
 * show beside it, and a screen reader reads them from its label.
 */
export function MeritProfileBar({ profile, grades, optionLabel }: { profile: readonly Count[]; grades: readonly string[]; optionLabel: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const view = meritProfileView(profile, grades);
  const colours = gradeColours(grades.length);
  const parts = view.segments.map((segment) => t('voting.results.segment', { grade: segment.label, share: format.percent(segment.share), votes: format.number(segment.count) }));
  const summary = t('voting.results.profileOf', { option: optionLabel, parts: parts.join(' ; ') });
  return (
    <div className="merit-bar-wrap">
      <div className="merit-bar" role="img" tabIndex={0} aria-label={summary}>
        {view.segments
          .filter((segment) => segment.share > 0)
          .map((segment) => (
            <span key={segment.grade} className="merit-segment" style={{ left: `${segment.start * 100}%`, width: `${segment.share * 100}%`, background: colours[segment.grade] }} />
          ))}
        <span className="merit-median" aria-hidden="true" />
      </div>
      <ul className="merit-counts" aria-hidden="true">
        {view.segments.map((segment) => (
          <li key={segment.grade}>
            <span className="grade-legend-swatch" style={{ background: colours[segment.grade] }} />
            {parts[segment.grade]}
          </li>
        ))}
      </ul>
    </div>
  );
}
