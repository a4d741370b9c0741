import { useState } from 'react';
import { useTranslation } from '../../app/i18n/i18n';
import { useAllAssemblies } from '../../deliberation/hooks/assemblies';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { TextArea } from '../../ui/TextArea';
import { TextField } from '../../ui/TextField';
import { pollRequest, type GradePreset, type PollDraft, type PollProblems } from '../utils/poll-form';
import type { Schemas } from '../../app/api/client';
import { ErrorSummary } from '../../ui/ErrorSummary';
import '../i18n/messages';

const PRESETS: GradePreset[] = ['fr-7', 'fr-5', 'en-7', 'en-5'];

interface PollEditorProps {
  initial: PollDraft;
  /** An existing draft: audience and assembly are fixed once created. */
  existing: boolean;
  pending: boolean;
  error: unknown;
  submitLabel: string;
  onSubmit: (body: Schemas['CreatePollDto']) => void;
}

/**
 * A poll's settings: question, options (typed one by one, or pasted one per line), grades (a
 * preset or custom labels, worst first), window in Paris time, revote, ungraded options and
 * tie-break. Checked against the API's rules before it is sent.
 */
export function PollEditor({ initial, existing, pending, error, submitLabel, onSubmit }: PollEditorProps) {
  const { t } = useTranslation();
  const assemblies = useAllAssemblies();
  const [draft, setDraft] = useState<PollDraft>(initial);
  const [problems, setProblems] = useState<PollProblems>({});
  const [attempts, setAttempts] = useState(0);
  const [pasting, setPasting] = useState(false);
  const [pasted, setPasted] = useState('');
  const set = <K extends keyof PollDraft>(field: K, value: PollDraft[K]): void => setDraft((current) => ({ ...current, [field]: value }));
  const setOption = (index: number, field: 'label' | 'description', value: string): void =>
    setDraft((current) => ({ ...current, options: current.options.map((option, i) => (i === index ? { ...option, [field]: value } : option)) }));

  return (
    <>
      <ErrorSummary problems={problems} attempts={attempts} title={t('console.form.fix')} />
      <form
        className="form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          const checked = pollRequest(draft, t);
          setProblems(checked.problems);
          setAttempts((count) => count + 1);
          if (checked.body !== undefined) onSubmit(checked.body);
        }}
      >
        <TextField label={t('console.pollForm.title')} value={draft.title} error={problems.title} onChange={(event) => set('title', event.target.value)} maxLength={350} />
        <TextArea label={t('console.pollForm.description')} hint={t('console.pollForm.descriptionHint')} value={draft.description} rows={3} onChange={(event) => set('description', event.target.value)} />
        <fieldset disabled={existing}>
          <legend>{t('console.pollForm.audience')}</legend>
          {(['residents', 'assembly'] as const).map((audience) => (
            <p key={audience} className="radio">
              <input id={`audience-${audience}`} type="radio" name="audience" checked={draft.audience === audience} onChange={() => set('audience', audience)} />
              <label htmlFor={`audience-${audience}`}>{t(`console.pollForm.audiences.${audience}`)}</label>
            </p>
          ))}
          {draft.audience === 'assembly' ? (
            <div className={`field${problems.assemblyId === undefined ? '' : ' field-invalid'}`}>
              <label htmlFor="poll-assembly">{t('console.pollForm.assembly')}</label>
              {problems.assemblyId !== undefined ? (
                <p className="field-error" id="poll-assembly-error">
                  {problems.assemblyId}
                </p>
              ) : null}
              <select id="poll-assembly" value={draft.assemblyId} aria-invalid={problems.assemblyId === undefined ? undefined : true} aria-describedby={problems.assemblyId === undefined ? undefined : 'poll-assembly-error'} onChange={(event) => set('assemblyId', event.target.value)}>
                <option value="">{t('console.pollForm.chooseAssembly')}</option>
                {(assemblies.data?.items ?? []).map((assembly) => (
                  <option key={assembly.id} value={assembly.id}>
                    {assembly.name}
                  </option>
                ))}
              </select>
            </div>
          ) : null}
        </fieldset>

        <fieldset className={problems.options === undefined ? undefined : 'field-invalid'}>
          <legend>{t('console.pollForm.options', { count: draft.options.filter((option) => option.label.trim() !== '').length })}</legend>
          {problems.options !== undefined ? <p className="field-error">{problems.options}</p> : null}
          <ol className="option-list">
            {draft.options.map((option, index) => (
              <li key={index}>
                <TextField label={t('console.pollForm.optionLabel', { number: index + 1 })} value={option.label} onChange={(event) => setOption(index, 'label', event.target.value)} maxLength={350} />
                <TextField label={t('console.pollForm.optionDescription', { number: index + 1 })} value={option.description} onChange={(event) => setOption(index, 'description', event.target.value)} />
                {draft.options.length > 2 ? (
                  <button type="button" className="small" onClick={() => set('options', draft.options.filter((_, i) => i !== index))}>
                    {t('console.pollForm.removeOption', { number: index + 1 })}
                  </button>
                ) : null}
              </li>
            ))}
          </ol>
          <div className="actions">
            <button type="button" onClick={() => set('options', [...draft.options, { label: '', description: '' }])}>
              {t('console.pollForm.addOption')}
            </button>
            <button type="button" aria-expanded={pasting} onClick={() => setPasting(!pasting)}>
              {t('console.pollForm.paste')}
            </button>
          </div>
          {pasting ? (
            <div className="inline-form">
              <TextArea label={t('console.pollForm.pasteLabel')} hint={t('console.pollForm.pasteHint')} value={pasted} rows={6} onChange={(event) => setPasted(event.target.value)} />
              <button
                type="button"
                onClick={() => {
                  const added = pasted
                    .split('\n')
                    .map((line) => line.trim())
                    .filter((line) => line !== '')
                    .map((label) => ({ label, description: '' }));
                  set('options', [...draft.options.filter((option) => option.label.trim() !== '' || option.description.trim() !== ''), ...added]);
                  setPasted('');
                  setPasting(false);
                }}
              >
                {t('console.pollForm.pasteAdd')}
              </button>
            </div>
          ) : null}
        </fieldset>

        <fieldset className={problems.grades === undefined ? undefined : 'field-invalid'}>
          <legend>{t('console.pollForm.grades')}</legend>
          {problems.grades !== undefined ? <p className="field-error">{problems.grades}</p> : null}
          {PRESETS.map((preset) => (
            <p key={preset} className="radio">
              <input id={`grades-${preset}`} type="radio" name="grades" checked={draft.grades === 'preset' && draft.gradePreset === preset} onChange={() => setDraft({ ...draft, grades: 'preset', gradePreset: preset })} />
              <label htmlFor={`grades-${preset}`}>{t(`console.pollForm.presets.${preset}`)}</label>
            </p>
          ))}
          <p className="radio">
            <input id="grades-custom" type="radio" name="grades" checked={draft.grades === 'custom'} onChange={() => set('grades', 'custom')} />
            <label htmlFor="grades-custom">{t('console.pollForm.customGrades')}</label>
          </p>
          {draft.grades === 'custom' ? (
            <TextArea label={t('console.pollForm.customGradesLabel')} hint={t('console.pollForm.customGradesHint')} value={draft.customGrades} rows={5} onChange={(event) => set('customGrades', event.target.value)} />
          ) : null}
        </fieldset>

        <TextField label={t('console.pollForm.opensAt')} hint={t('console.pollForm.parisTime')} type="datetime-local" value={draft.opensAt} error={problems.opensAt} onChange={(event) => set('opensAt', event.target.value)} />
        <TextField label={t('console.pollForm.closesAt')} hint={t('console.pollForm.closesAtHint')} type="datetime-local" value={draft.closesAt} error={problems.closesAt} onChange={(event) => set('closesAt', event.target.value)} />

        <fieldset>
          <legend>{t('console.pollForm.rules')}</legend>
          <Choice id="poll-revote" label={t('console.pollForm.revote')} value={draft.revote} options={['never', 'until-close']} onChange={(value) => set('revote', value)} />
          <Choice id="poll-skipped" label={t('console.pollForm.skipped')} value={draft.skipped} options={['refuse', 'worst', 'median']} onChange={(value) => set('skipped', value)} />
          <Choice id="poll-tie-break" label={t('console.pollForm.tieBreak')} value={draft.tieBreak} options={['majority-value', 'usual', 'typical', 'central']} onChange={(value) => set('tieBreak', value)} />
        </fieldset>
        {error ? <ErrorMessage error={error} /> : null}
        <div className="actions">
          <button type="submit" className="primary" disabled={pending}>
            {submitLabel}
          </button>
        </div>
      </form>
    </>
  );
}

function Choice<T extends string>({ id, label, value, options, onChange }: { id: string; label: string; value: T; options: readonly T[]; onChange: (value: T) => void }) {
  const { t } = useTranslation();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(event) => onChange(event.target.value as T)}>
        {options.map((option) => (
          <option key={option} value={option}>
            {t(`console.pollForm.choices.${option as 'never'}`)}
          </option>
        ))}
      </select>
    </div>
  );
}
