import { useTranslation } from '../../app/i18n/i18n';
import type { Schemas } from '../../app/api/client';
import { MajorityJudgmentBallot } from '../../ui/MajorityJudgmentBallot';
import '../i18n/messages';

interface QuestionFieldProps {
  question: Schemas['QuestionDto'];
  number: number;
  choice: number | 'blank' | undefined;
  grades: ReadonlyMap<string, number> | undefined;
  onChoose: (choice: number | 'blank') => void;
  onGrade: (optionIndex: string, grade: number) => void;
  missing: boolean;
}

/** One question: options as radios with a blank vote, or a majority-judgment ballot. */
export function QuestionField({ question, number, choice, grades, onChoose, onGrade, missing }: QuestionFieldProps) {
  const { t } = useTranslation();
  const id = `question-${question.id}`;
  if (question.kind === 'majority-judgment') {
    return (
      <section className={`question${missing ? ' question-missing' : ''}`} aria-labelledby={`${id}-title`} id={id}>
        <h3 id={`${id}-title`}>{t('referendum.answers.questionNumber', { number, text: question.text })}</h3>
        {missing ? <p className="field-error">{t('referendum.answers.gradeAll')}</p> : null}
        <MajorityJudgmentBallot
          options={question.options.map((label, index) => ({ id: String(index), label }))}
          grades={question.grades}
          chosen={grades ?? new Map()}
          onChoose={onGrade}
          name={id}
        />
      </section>
    );
  }
  return (
    <fieldset className={`question choice-question${missing ? ' question-missing' : ''}`} id={id} aria-describedby={missing ? `${id}-missing` : undefined}>
      <legend>{t('referendum.answers.questionNumber', { number, text: question.text })}</legend>
      {missing ? (
        <p className="field-error" id={`${id}-missing`}>
          {t('referendum.answers.chooseOne')}
        </p>
      ) : null}
      <div className="choices">
        {question.options.map((label, index) => (
          <label key={label} className="choice">
            <input type="radio" name={id} checked={choice === index} onChange={() => onChoose(index)} />
            <span>{label}</span>
          </label>
        ))}
        <label className="choice choice-blank">
          <input type="radio" name={id} checked={choice === 'blank'} onChange={() => onChoose('blank')} />
          <span>{t('referendum.answers.blank')}</span>
        </label>
      </div>
    </fieldset>
  );
}
