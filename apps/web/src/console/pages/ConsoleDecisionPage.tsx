import { useState } from 'react';
import { Link, useParams } from 'react-router';
import type { Schemas } from '../../app/api/client';
import { useTranslation } from '../../app/i18n/i18n';
import { useDecision, useDecisionChange } from '../../deliberation/hooks/decisions';
import { DecisionStatus, DecisionSteps, MilestonesTable } from '../../deliberation/components/DecisionView';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { PageFallback } from '../../ui/PageFallback';
import { PageTitle } from '../../ui/PageTitle';
import { TextArea } from '../../ui/TextArea';
import { TextField } from '../../ui/TextField';
import { RequireRole } from '../components/RequireRole';
import { eurosToCents } from '../utils/indemnity-form';
import { CONSOLE_ROLES } from '../utils/roles';
import '../../deliberation/i18n/messages';
import '../i18n/messages';

type Decision = Schemas['DecisionDto'];

/** Updating a decision: its transmission, the council's answer, its milestones. Every change is public and audited. */
export function ConsoleDecisionPage() {
  const { t } = useTranslation();
  return (
    <RequireRole roles={CONSOLE_ROLES.organise} title={t('console.decisions.title')}>
      <ConsoleDecision />
    </RequireRole>
  );
}

function ConsoleDecision() {
  const { decisionId = '' } = useParams();
  const { t } = useTranslation();
  const decision = useDecision(decisionId);
  if (decision.data === undefined) return <PageFallback title={t('console.decisions.title')} error={decision.error} />;
  const data = decision.data;
  return (
    <>
      <PageTitle title={data.title} />
      <p>
        <Link to={`/console/assemblies/${data.assemblyId}/decisions`}>{t('console.decisions.back')}</Link> · <Link to={`/decisions/${data.id}`}>{t('console.decisions.publicPage')}</Link>
      </p>
      <DecisionStatus decision={data} />
      <DecisionSteps decision={data} />
      <TransmissionForm decision={data} />
      {data.transmittedOn !== null ? <AnswerForm decision={data} /> : null}
      <section aria-labelledby="milestones-heading" className="section">
        <h2 id="milestones-heading">{t('decisions.milestones')}</h2>
        <MilestonesTable decision={data} headingId="milestones-heading" />
        {data.milestones.length > 0 ? <MilestoneStatusForm decision={data} /> : null}
        <MilestoneForm decision={data} />
      </section>
    </>
  );
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function TransmissionForm({ decision }: { decision: Decision }) {
  const { t } = useTranslation();
  const { transmission } = useDecisionChange(decision.id);
  const [day, setDay] = useState(decision.transmittedOn ?? '');
  const [reference, setReference] = useState(decision.transmissionReference ?? '');
  const [due, setDue] = useState(decision.answerDueOn ?? '');
  const [problems, setProblems] = useState<{ day?: string; reference?: string }>({});
  return (
    <form
      className="inline-form section"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const found = { ...(DAY.test(day) ? {} : { day: t('console.decisions.dayRequired') }), ...(reference.trim() === '' ? { reference: t('console.decisions.referenceRequired') } : {}) };
        setProblems(found);
        if (Object.keys(found).length > 0) return;
        transmission.mutate({ transmittedOn: day, reference: reference.trim(), answerDueOn: DAY.test(due) ? due : null });
      }}
    >
      <h2>{t('console.decisions.transmission')}</h2>
      <TextField label={t('console.decisions.transmittedOn')} type="date" value={day} error={problems.day} onChange={(event) => setDay(event.target.value)} />
      <TextField label={t('console.decisions.reference')} hint={t('console.decisions.referenceHint')} value={reference} maxLength={100} error={problems.reference} onChange={(event) => setReference(event.target.value)} />
      <TextField label={t('console.decisions.answerDueOn')} hint={t('console.decisions.answerDueHint')} type="date" value={due} onChange={(event) => setDue(event.target.value)} />
      {transmission.error ? <ErrorMessage error={transmission.error} /> : null}
      <button type="submit" className="primary" disabled={transmission.isPending}>
        {t('console.decisions.saveTransmission')}
      </button>
    </form>
  );
}

function AnswerForm({ decision }: { decision: Decision }) {
  const { t } = useTranslation();
  const { answer } = useDecisionChange(decision.id);
  const [kind, setKind] = useState<'adopted' | 'amended' | 'rejected'>(decision.councilAnswer ?? 'adopted');
  const [day, setDay] = useState(decision.answeredOn ?? '');
  const [text, setText] = useState(decision.councilText ?? decision.councilReasons ?? '');
  const [problems, setProblems] = useState<{ day?: string; text?: string }>({});
  return (
    <form
      className="inline-form section"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const found = { ...(DAY.test(day) ? {} : { day: t('console.decisions.dayRequired') }), ...(kind !== 'adopted' && text.trim() === '' ? { text: t(`console.decisions.${kind}Required`) } : {}) };
        setProblems(found);
        if (Object.keys(found).length > 0) return;
        answer.mutate({ answer: kind, answeredOn: day, ...(kind === 'amended' ? { text: text.trim() } : {}), ...(kind === 'rejected' ? { reasons: text.trim() } : {}) });
      }}
    >
      <h2>{t('console.decisions.answer')}</h2>
      <fieldset>
        <legend>{t('console.decisions.answerKind')}</legend>
        {(['adopted', 'amended', 'rejected'] as const).map((option) => (
          <p key={option} className="checkbox">
            <input id={`answer-${option}`} type="radio" name="answer" checked={kind === option} onChange={() => setKind(option)} />
            <label htmlFor={`answer-${option}`}>{t(`console.decisions.answerKinds.${option}`)}</label>
          </p>
        ))}
      </fieldset>
      <TextField label={t('console.decisions.answeredOn')} type="date" value={day} error={problems.day} onChange={(event) => setDay(event.target.value)} />
      {kind !== 'adopted' ? (
        <TextArea label={t(kind === 'amended' ? 'console.decisions.amendedText' : 'console.decisions.reasons')} value={text} error={problems.text} rows={5} onChange={(event) => setText(event.target.value)} />
      ) : null}
      {answer.error ? <ErrorMessage error={answer.error} /> : null}
      <button type="submit" className="primary" disabled={answer.isPending}>
        {t('console.decisions.saveAnswer')}
      </button>
    </form>
  );
}

function MilestoneForm({ decision }: { decision: Decision }) {
  const { t } = useTranslation();
  const { addMilestone } = useDecisionChange(decision.id);
  const [draft, setDraft] = useState({ title: '', department: '', plannedOn: '', committed: '' });
  const [problems, setProblems] = useState<Partial<Record<keyof typeof draft, string>>>({});
  const set = (key: keyof typeof draft) => (event: { target: { value: string } }) => setDraft({ ...draft, [key]: event.target.value });
  return (
    <form
      className="inline-form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const committed = draft.committed.trim() === '' ? null : eurosToCents(draft.committed);
        const found = {
          ...(draft.title.trim() === '' ? { title: t('console.decisions.titleRequired') } : {}),
          ...(draft.department.trim() === '' ? { department: t('console.decisions.departmentRequired') } : {}),
          ...(DAY.test(draft.plannedOn) ? {} : { plannedOn: t('console.decisions.dayRequired') }),
          ...(draft.committed.trim() !== '' && committed === null ? { committed: t('console.indemnities.problems.cap') } : {}),
        };
        setProblems(found);
        if (Object.keys(found).length > 0) return;
        addMilestone.mutate({ title: draft.title.trim(), department: draft.department.trim(), plannedOn: draft.plannedOn, committedCents: committed }, { onSuccess: () => setDraft({ title: '', department: '', plannedOn: '', committed: '' }) });
      }}
    >
      <h3>{t('console.decisions.newMilestone')}</h3>
      <TextField label={t('console.decisions.milestoneTitle')} value={draft.title} maxLength={200} error={problems.title} onChange={set('title')} />
      <TextField label={t('decisions.department')} hint={t('console.decisions.departmentHint')} value={draft.department} maxLength={200} error={problems.department} onChange={set('department')} />
      <TextField label={t('decisions.planned')} type="date" value={draft.plannedOn} error={problems.plannedOn} onChange={set('plannedOn')} />
      <TextField label={t('console.decisions.committedEuros')} inputMode="decimal" value={draft.committed} error={problems.committed} onChange={set('committed')} />
      {addMilestone.error ? <ErrorMessage error={addMilestone.error} /> : null}
      <button type="submit" disabled={addMilestone.isPending}>
        {t('console.decisions.addMilestone')}
      </button>
    </form>
  );
}

function MilestoneStatusForm({ decision }: { decision: Decision }) {
  const { t } = useTranslation();
  const { updateMilestone } = useDecisionChange(decision.id);
  const [milestoneId, setMilestoneId] = useState(decision.milestones[0].id);
  const [status, setStatus] = useState<Schemas['MilestoneDto']['status']>('in-progress');
  const [doneOn, setDoneOn] = useState('');
  return (
    <form
      className="inline-form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        updateMilestone.mutate({ milestoneId, status, ...(status === 'done' && DAY.test(doneOn) ? { doneOn } : {}) });
      }}
    >
      <h3>{t('console.decisions.updateMilestone')}</h3>
      <div className="field">
        <label htmlFor="milestone-which">{t('console.decisions.milestoneWhich')}</label>
        <select id="milestone-which" value={milestoneId} onChange={(event) => setMilestoneId(event.target.value)}>
          {decision.milestones.map((milestone) => (
            <option key={milestone.id} value={milestone.id}>
              {milestone.title}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="milestone-status">{t('decisions.status')}</label>
        <select id="milestone-status" value={status} onChange={(event) => setStatus(event.target.value as Schemas['MilestoneDto']['status'])}>
          {(['planned', 'in-progress', 'done', 'cancelled'] as const).map((option) => (
            <option key={option} value={option}>
              {t(`decisions.milestoneStatuses.${option}`)}
            </option>
          ))}
        </select>
      </div>
      {status === 'done' ? <TextField label={t('console.decisions.doneOn')} hint={t('console.decisions.doneOnHint')} type="date" value={doneOn} onChange={(event) => setDoneOn(event.target.value)} /> : null}
      {updateMilestone.error ? <ErrorMessage error={updateMilestone.error} /> : null}
      <button type="submit" disabled={updateMilestone.isPending}>
        {t('console.decisions.saveMilestone')}
      </button>
    </form>
  );
}
