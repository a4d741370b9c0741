import { memo, useMemo } from 'react';
import { useTranslation } from '../app/i18n/i18n';
import { gradesBestFirst, type GradeChoice } from '../voting/utils/ballot';
import { gradeColours, textColourOn } from './utils/grade-colours';

/** Past this many options, off-screen ones skip rendering work (see styles.css). */
const LONG_BALLOT = 40;

export interface BallotOption {
  id: string;
  label: string;
  description?: string;
}

interface BallotProps {
  options: readonly BallotOption[];
  /** Grade names, worst first (as the API gives them). */
  grades: readonly string[];
  chosen: ReadonlyMap<string, number>;
  onChoose: (optionId: string, grade: number) => void;
  /** Options to point out as still to grade (after a refused attempt). */
  missing?: ReadonlySet<string>;
  /** Unique per ballot on the page (radio group names). */
  name: string;
}

/**
 * A majority-judgment ballot: one `<fieldset>` per option, its `<legend>` the option's name, one
 * native radio per grade with the grade's name as its visible label, best grade first. Options
 * are memoised, so choosing a grade repaints one fieldset even with 500 options; off-screen ones
 * skip layout (`content-visibility`, see styles.css).
 */
export function MajorityJudgmentBallot({ options, grades, chosen, onChoose, missing, name }: BallotProps) {
  const choices = useMemo(() => gradesBestFirst(grades), [grades]);
  const colours = useMemo(() => gradeColours(grades.length), [grades.length]);
  return (
    <div className={options.length > LONG_BALLOT ? 'mj-ballot mj-ballot-long' : 'mj-ballot'}>
      {options.map((option) => (
        <OptionGrades
          key={option.id}
          option={option}
          choices={choices}
          colours={colours}
          selected={chosen.get(option.id)}
          onChoose={onChoose}
          isMissing={missing?.has(option.id) ?? false}
          name={name}
        />
      ))}
    </div>
  );
}

interface OptionGradesProps {
  option: BallotOption;
  choices: readonly GradeChoice[];
  colours: readonly string[];
  selected: number | undefined;
  onChoose: (optionId: string, grade: number) => void;
  isMissing: boolean;
  name: string;
}

const OptionGrades = memo(function OptionGrades({ option, choices, colours, selected, onChoose, isMissing, name }: OptionGradesProps) {
  const { t } = useTranslation();
  const base = `${name}-${option.id}`;
  const described = [option.description ? `${base}-description` : null, isMissing ? `${base}-missing` : null].filter(Boolean).join(' ');
  return (
    <fieldset className={`mj-option${isMissing ? ' mj-option-missing' : ''}`} id={`${base}-fieldset`} aria-describedby={described || undefined}>
      <legend className="mj-option-label">{option.label}</legend>
      {option.description ? (
        <p className="mj-option-description" id={`${base}-description`}>
          {option.description}
        </p>
      ) : null}
      {isMissing ? (
        <p className="field-error" id={`${base}-missing`}>
          {t('voting.ballot.gradeThisOption')}
        </p>
      ) : null}
      <div className="mj-grades">
        {choices.map((choice) => {
          const colour = colours[choice.index];
          return (
            <label key={choice.index} className="mj-grade">
              <input type="radio" name={base} value={choice.index} checked={selected === choice.index} onChange={() => onChoose(option.id, choice.index)} />
              <span className="mj-grade-swatch" aria-hidden="true" style={{ background: colour, color: textColourOn(colour) }}>
                {selected === choice.index ? '✓' : ''}
              </span>
              <span className="mj-grade-label">{choice.label}</span>
            </label>
          );
        })}
      </div>
    </fieldset>
  );
});
