import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useTranslation } from '../../app/i18n/i18n';
import { useFormat } from '../../app/i18n/useFormat';
import { DistrictOptions } from '../../budget/components/DistrictOptions';
import { useEdition, useEnvelopes, useFollowUp, useIdeas, useProjects, type Edition, type Envelope, type FollowUp, type Project } from '../../budget/hooks/budget';
import { PHASES, reached, sortEnvelopes, stepState } from '../../budget/utils/phases';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { Field } from '../../ui/Field';
import { Loading } from '../../ui/Loading';
import { Notice } from '../../ui/Notice';
import { PageTitle } from '../../ui/PageTitle';
import { TextArea } from '../../ui/TextArea';
import { TextField } from '../../ui/TextField';
import { RequireRole } from '../components/RequireRole';
import { useAdvancePhase, useCreateEnvelope, useCreateProject, useDecideFeasibility, useUpdateFollowUp } from '../hooks/budget';
import { parseEuros } from '../utils/budget-form';
import { CONSOLE_ROLES } from '../utils/roles';
import '../i18n/messages';
import '../../budget/i18n/messages';

/**
 * Running an edition: its phase moved one step at a time (each step says what it does), envelopes,
 * projects made of residents' ideas, the services' feasibility study, and the winners' follow-up.
 */
export function ConsoleEditionPage() {
  const { t } = useTranslation();
  const { editionId = '' } = useParams();
  return (
    <RequireRole roles={CONSOLE_ROLES.organise} title={t('console.budget.title')}>
      <EditionConsole editionId={editionId} />
    </RequireRole>
  );
}

function EditionConsole({ editionId }: { editionId: string }) {
  const { t } = useTranslation();
  const edition = useEdition(editionId);
  if (edition.error) {
    return (
      <>
        <PageTitle title={t('budget.edition.unavailable')} />
        <ErrorMessage error={edition.error} />
      </>
    );
  }
  if (edition.data === undefined) return <Loading label={t('budget.edition.loading')} />;
  const current = edition.data;
  return (
    <>
      <PageTitle title={current.title} />
      <p>
        <Link to="/console/budget">{t('console.budget.back')}</Link> · <Link to={`/budget/${current.id}`}>{t('console.budget.publicPage')}</Link>
      </p>
      <PhaseControl edition={current} />
      <Envelopes edition={current} />
      {current.phase === 'co-construction' ? <NewProject edition={current} /> : null}
      {reached(current.phase, 'co-construction') ? <Projects edition={current} /> : null}
      {current.phase === 'follow-up' ? <FollowUps edition={current} /> : null}
    </>
  );
}

/** The next phase, with what moving there does, confirmed before it is done. */
function PhaseControl({ edition }: { edition: Edition }) {
  const { t } = useTranslation();
  const advance = useAdvancePhase(edition.id);
  const [confirming, setConfirming] = useState(false);
  // The phase after this one (never the draft, which only ever comes first).
  const next = PHASES[PHASES.indexOf(edition.phase) + 1] as Exclude<Edition['phase'], 'draft'> | undefined;
  return (
    <section aria-labelledby="phase-heading" className="section">
      <h2 id="phase-heading">{t('console.budget.phase')}</h2>
      <ol className="steps">
        {PHASES.map((phase) => {
          const state = stepState(PHASES, phase, edition.phase);
          return (
            <li key={phase} className={`step-${state}`} aria-current={state === 'current' ? 'step' : undefined}>
              {t(`budget.phases.${phase}`)}
              <span className="visually-hidden"> ({t(`budget.edition.step.${state}`)})</span>
            </li>
          );
        })}
      </ol>
      {next === undefined ? (
        <p>{t('console.budget.lastPhase')}</p>
      ) : (
        <>
          <p>{t(`console.budget.nextDoes.${next}`)}</p>
          {confirming ? (
            <Notice kind="warning">
              <p>{t('console.budget.confirm', { phase: t(`budget.phases.${next}`) })}</p>
              <div className="actions">
                <button
                  type="button"
                  className="primary"
                  disabled={advance.isPending}
                  onClick={() => advance.mutate(next, { onSettled: () => setConfirming(false) })}
                >
                  {t('console.budget.moveTo', { phase: t(`budget.phases.${next}`) })}
                </button>
                <button type="button" onClick={() => setConfirming(false)} disabled={advance.isPending}>
                  {t('common.cancel')}
                </button>
              </div>
            </Notice>
          ) : (
            <button type="button" onClick={() => setConfirming(true)}>
              {t('console.budget.next', { phase: t(`budget.phases.${next}`) })}
            </button>
          )}
        </>
      )}
      <p role="status">{advance.isSuccess && !confirming ? t('console.budget.moved', { phase: t(`budget.phases.${edition.phase}`) }) : ''}</p>
      {advance.error ? <ErrorMessage error={advance.error} /> : null}
    </section>
  );
}

function Envelopes({ edition }: { edition: Edition }) {
  const { t } = useTranslation();
  const format = useFormat();
  const envelopes = useEnvelopes(edition.id);
  const open = !reached(edition.phase, 'ballot');
  return (
    <section aria-labelledby="envelopes-heading" className="section">
      <h2 id="envelopes-heading">{t('budget.edition.envelopes')}</h2>
      {envelopes.error ? (
        <ErrorMessage error={envelopes.error} />
      ) : envelopes.data === undefined ? (
        <Loading />
      ) : envelopes.data.length === 0 ? (
        <p className="empty">{t('budget.edition.noEnvelope')}</p>
      ) : (
        <ul>
          {sortEnvelopes(envelopes.data).map((envelope) => (
            <li key={envelope.id}>
              {envelope.name} ({t(`budget.envelope.kinds.${envelope.kind}`)}) — {format.money(envelope.amountCents)}
              {envelope.maxProjectCostCents !== null ? ` · ${t('console.budget.maxPerProject', { amount: format.money(envelope.maxProjectCostCents) })}` : ''}
            </li>
          ))}
        </ul>
      )}
      {open ? <NewEnvelope edition={edition} /> : <p className="hint">{t('console.budget.envelopesFixed')}</p>}
    </section>
  );
}

function NewEnvelope({ edition }: { edition: Edition }) {
  const { t } = useTranslation();
  const create = useCreateEnvelope(edition.id);
  const [kind, setKind] = useState<Envelope['kind']>('district');
  const [district, setDistrict] = useState('');
  const [name, setName] = useState('');
  const [amount, setAmount] = useState('');
  const [max, setMax] = useState('');
  const [problems, setProblems] = useState<{ district?: string; name?: string; amount?: string; max?: string }>({});
  const [attempts, setAttempts] = useState(0);

  const submit = (): void => {
    const found: typeof problems = {};
    if (kind === 'district' && district.trim() === '') found.district = t('console.budget.districtRequired');
    if (name.trim() === '') found.name = t('console.budget.nameRequired');
    const amountCents = parseEuros(amount);
    if (amountCents === null || amountCents === 0) found.amount = t('console.budget.amountInvalid');
    const maxCents = max.trim() === '' ? undefined : parseEuros(max);
    if (maxCents === null || maxCents === 0) found.max = t('console.budget.amountInvalid');
    setProblems(found);
    setAttempts((count) => count + 1);
    if (Object.keys(found).length > 0) return;
    create.mutate(
      { kind, name: name.trim(), amountCents: amountCents!, ...(kind === 'district' ? { district: district.trim() } : {}), ...(maxCents === undefined ? {} : { maxProjectCostCents: maxCents! }) },
      {
        onSuccess: () => {
          setName('');
          setDistrict('');
          setAmount('');
          setMax('');
          setAttempts(0);
        },
      },
    );
  };

  return (
    <form
      className="form"
      noValidate
      aria-labelledby="envelope-new"
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <h3 id="envelope-new">{t('console.budget.newEnvelope')}</h3>
      <ErrorSummary problems={problems} attempts={attempts} title={t('console.form.fix')} />
      <Field label={t('budget.envelope.kind')}>
        {({ id, describedBy }) => (
          <select id={id} aria-describedby={describedBy} value={kind} onChange={(event) => setKind(event.target.value as Envelope['kind'])}>
            {(['citywide', 'district', 'ring-fenced'] as const).map((option) => (
              <option key={option} value={option}>
                {t(`budget.envelope.kinds.${option}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      {kind === 'district' ? <TextField label={t('console.budget.district')} hint={t('console.budget.districtHint')} value={district} onChange={(event) => setDistrict(event.target.value)} error={problems.district} maxLength={64} /> : null}
      <TextField label={t('console.budget.envelopeName')} value={name} onChange={(event) => setName(event.target.value)} error={problems.name} maxLength={200} />
      <TextField label={t('console.budget.amount')} hint={t('console.budget.amountHint')} inputMode="decimal" value={amount} onChange={(event) => setAmount(event.target.value)} error={problems.amount} />
      <TextField label={t('console.budget.max')} inputMode="decimal" value={max} onChange={(event) => setMax(event.target.value)} error={problems.max} />
      {create.error ? <ErrorMessage error={create.error} /> : null}
      <div className="actions">
        <button type="submit" disabled={create.isPending}>
          {t('console.budget.addEnvelope')}
        </button>
      </div>
      <p role="status">{create.isSuccess ? t('console.budget.envelopeAdded', { name: create.data.name }) : ''}</p>
    </form>
  );
}

/** Co-construction: a project from one or more ideas, which keep the link to it. */
function NewProject({ edition }: { edition: Edition }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [search, setSearch] = useState('');
  const ideas = useIdeas(edition.id, search === '' ? {} : { q: search });
  const items = useMemo(() => ideas.data?.pages.flatMap((page) => page.items) ?? [], [ideas.data]);
  const envelopes = useEnvelopes(edition.id);
  const create = useCreateProject(edition.id);
  const [chosen, setChosen] = useState<Map<string, string>>(new Map());
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [where, setWhere] = useState('citywide');
  const [location, setLocation] = useState('');
  const [problems, setProblems] = useState<{ ideas?: string; title?: string }>({});
  const [attempts, setAttempts] = useState(0);

  const toggle = (id: string, ideaTitle: string): void => {
    const next = new Map(chosen);
    if (next.has(id)) next.delete(id);
    else next.set(id, ideaTitle);
    setChosen(next);
  };
  const submit = (): void => {
    const found: typeof problems = {};
    if (chosen.size === 0) found.ideas = t('console.budget.ideasRequired');
    if (title.trim() === '') found.title = t('console.budget.projectTitleRequired');
    setProblems(found);
    setAttempts((count) => count + 1);
    if (Object.keys(found).length > 0) return;
    create.mutate(
      { title: title.trim(), ideaIds: [...chosen.keys()], ...(description.trim() === '' ? {} : { description }), ...(where === 'citywide' ? {} : { district: where }), ...(location.trim() === '' ? {} : { location: location.trim() }) },
      {
        onSuccess: () => {
          setChosen(new Map());
          setTitle('');
          setDescription('');
          setLocation('');
          setAttempts(0);
        },
      },
    );
  };

  return (
    <section aria-labelledby="project-new" className="section">
      <h2 id="project-new">{t('console.budget.newProject')}</h2>
      <p>{t('console.budget.newProjectHint')}</p>
      <ErrorSummary problems={problems} attempts={attempts} title={t('console.form.fix')} />
      <form
        role="search"
        className="filters"
        aria-label={t('console.budget.searchIdeas')}
        onSubmit={(event) => {
          event.preventDefault();
          setSearch(q.trim());
        }}
      >
        <div className="field search-field">
          <label htmlFor="console-idea-q">{t('console.budget.searchIdeas')}</label>
          <div className="search-row">
            <input id="console-idea-q" type="search" value={q} maxLength={200} onChange={(event) => setQ(event.target.value)} />
            <button type="submit">{t('budget.ideas.searchButton')}</button>
          </div>
        </div>
      </form>
      <form
        className="form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <fieldset aria-describedby={problems.ideas ? 'project-ideas-error' : undefined}>
          <legend>{t('console.budget.fromIdeas', { count: chosen.size })}</legend>
          {problems.ideas ? (
            <p className="field-error" id="project-ideas-error">
              {problems.ideas}
            </p>
          ) : null}
          {ideas.error ? <ErrorMessage error={ideas.error} /> : ideas.data === undefined ? <Loading /> : null}
          {[...chosen.entries()]
            .filter(([id]) => !items.some((idea) => idea.id === id))
            .map(([id, ideaTitle]) => (
              <p className="checkbox" key={id}>
                <input id={`idea-${id}`} type="checkbox" checked onChange={() => toggle(id, ideaTitle)} />
                <label htmlFor={`idea-${id}`}>{ideaTitle}</label>
              </p>
            ))}
          {items.map((idea) => (
            <p className="checkbox" key={idea.id}>
              <input id={`idea-${idea.id}`} type="checkbox" checked={chosen.has(idea.id)} onChange={() => toggle(idea.id, idea.title)} />
              <label htmlFor={`idea-${idea.id}`}>
                {idea.title} ({idea.district === null ? t('budget.citywide') : t('budget.district', { district: idea.district })}
                {idea.projects.length > 0 ? ` · ${t('console.budget.alreadyIn', { count: idea.projects.length })}` : ''})
              </label>
            </p>
          ))}
          {ideas.hasNextPage ? (
            <button type="button" onClick={() => void ideas.fetchNextPage()} disabled={ideas.isFetchingNextPage}>
              {t('budget.ideas.more')}
            </button>
          ) : null}
        </fieldset>
        <TextField label={t('console.budget.projectTitle')} value={title} onChange={(event) => setTitle(event.target.value)} error={problems.title} maxLength={200} />
        <TextArea label={t('console.budget.projectDescription')} hint={t('budget.editor.bodyHint')} value={description} onChange={(event) => setDescription(event.target.value)} rows={6} maxLength={20000} />
        <Field label={t('budget.editor.where')}>
          {({ id, describedBy }) => (
            <select id={id} aria-describedby={describedBy} value={where} onChange={(event) => setWhere(event.target.value)}>
              <DistrictOptions envelopes={envelopes.data} />
            </select>
          )}
        </Field>
        <TextField label={t('budget.editor.location')} value={location} onChange={(event) => setLocation(event.target.value)} maxLength={500} />
        {create.error ? <ErrorMessage error={create.error} /> : null}
        <div className="actions">
          <button type="submit" className="primary" disabled={create.isPending}>
            {t('console.budget.createProject')}
          </button>
        </div>
        <p role="status">{create.isSuccess ? t('console.budget.projectCreated', { title: create.data.title }) : ''}</p>
      </form>
    </section>
  );
}

function Projects({ edition }: { edition: Edition }) {
  const { t } = useTranslation();
  const format = useFormat();
  const projects = useProjects(edition.id);
  const envelopes = useEnvelopes(edition.id);
  return (
    <section aria-labelledby="projects-heading" className="section">
      <h2 id="projects-heading">{t('console.budget.projects')}</h2>
      {edition.phase === 'feasibility' ? <p>{t('console.budget.feasibilityHint')}</p> : null}
      {projects.error ? (
        <ErrorMessage error={projects.error} />
      ) : projects.data === undefined ? (
        <Loading />
      ) : projects.data.length === 0 ? (
        <p className="empty">{t('budget.projects.none')}</p>
      ) : (
        <ul className="card-list">
          {projects.data.map((project) => (
            <li key={project.id} className="card">
              <h3 className="card-title">
                <Link to={`/budget/projects/${project.id}`}>{project.title}</Link>
              </h3>
              <p className="card-meta">
                {project.district === null ? t('budget.citywide') : t('budget.district', { district: project.district })} · {t(`budget.feasibility.${project.feasibility}`)}
                {project.costCents !== null ? ` · ${format.money(project.costCents)}` : ''}
                {project.feasibilityReason !== null ? ` — ${project.feasibilityReason}` : ''}
              </p>
              {edition.phase === 'feasibility' ? <FeasibilityForm edition={edition} project={project} envelopes={envelopes.data ?? []} /> : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** The services' study of one project: admissible with a cost and an envelope, or not, with a public reason. */
function FeasibilityForm({ edition, project, envelopes }: { edition: Edition; project: Project; envelopes: readonly Envelope[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const decide = useDecideFeasibility(edition.id);
  // Envelopes this project may go in: its district's or the citywide one, or a ring-fenced one.
  const fitting = sortEnvelopes(envelopes).filter((envelope) => envelope.kind === 'ring-fenced' || (project.district === null ? envelope.kind === 'citywide' : envelope.district === project.district));
  const [admissible, setAdmissible] = useState(project.feasibility !== 'inadmissible');
  const [reason, setReason] = useState(project.feasibilityReason ?? '');
  const [cost, setCost] = useState(project.costCents === null ? '' : format.money(project.costCents));
  const [envelopeId, setEnvelopeId] = useState(project.envelopeId ?? fitting[0]?.id ?? '');
  const [problems, setProblems] = useState<{ reason?: string; cost?: string; envelope?: string }>({});
  const [attempts, setAttempts] = useState(0);
  const prefix = `feasibility-${project.id}`;

  const submit = (): void => {
    const found: typeof problems = {};
    if (reason.trim() === '') found.reason = t('console.budget.reasonRequired');
    const costCents = parseEuros(cost);
    if (admissible && (costCents === null || costCents === 0)) found.cost = t('console.budget.amountInvalid');
    if (admissible && envelopeId === '') found.envelope = t('console.budget.envelopeRequired');
    setProblems(found);
    setAttempts((count) => count + 1);
    if (Object.keys(found).length > 0) return;
    decide.mutate({ projectId: project.id, body: admissible ? { admissible, reason: reason.trim(), costCents: costCents!, envelopeId } : { admissible, reason: reason.trim() } });
  };

  return (
    <form
      className="form"
      noValidate
      aria-label={t('console.budget.feasibilityOf', { title: project.title })}
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <ErrorSummary problems={problems} attempts={attempts} title={t('console.form.fix')} />
      <fieldset>
        <legend>{t('console.budget.verdict')}</legend>
        <p className="radio">
          <input id={`${prefix}-yes`} type="radio" name={`${prefix}-verdict`} checked={admissible} onChange={() => setAdmissible(true)} />
          <label htmlFor={`${prefix}-yes`}>{t('budget.feasibility.admissible')}</label>
        </p>
        <p className="radio">
          <input id={`${prefix}-no`} type="radio" name={`${prefix}-verdict`} checked={!admissible} onChange={() => setAdmissible(false)} />
          <label htmlFor={`${prefix}-no`}>{t('budget.feasibility.inadmissible')}</label>
        </p>
      </fieldset>
      <TextArea label={t('console.budget.reason')} hint={t('console.budget.reasonHint')} value={reason} onChange={(event) => setReason(event.target.value)} error={problems.reason} rows={2} maxLength={2000} />
      {admissible ? (
        <>
          <TextField label={t('console.budget.cost')} hint={t('console.budget.amountHint')} inputMode="decimal" value={cost} onChange={(event) => setCost(event.target.value)} error={problems.cost} />
          <Field label={t('budget.envelope.name')} error={problems.envelope}>
            {({ id, describedBy }) => (
              <select id={id} aria-describedby={describedBy} value={envelopeId} onChange={(event) => setEnvelopeId(event.target.value)}>
                {fitting.map((envelope) => (
                  <option key={envelope.id} value={envelope.id}>
                    {envelope.name}
                    {envelope.maxProjectCostCents !== null ? ` (${t('console.budget.maxPerProject', { amount: format.money(envelope.maxProjectCostCents) })})` : ''}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </>
      ) : null}
      {decide.error ? <ErrorMessage error={decide.error} /> : null}
      <div className="actions">
        <button type="submit" disabled={decide.isPending}>
          {t('console.budget.saveVerdict')}
        </button>
      </div>
      <p role="status">{decide.isSuccess ? t('console.budget.verdictSaved') : ''}</p>
    </form>
  );
}

function FollowUps({ edition }: { edition: Edition }) {
  const { t } = useTranslation();
  const followUp = useFollowUp(edition.id, true);
  return (
    <section aria-labelledby="follow-up-heading" className="section">
      <h2 id="follow-up-heading">{t('budget.followUp.title')}</h2>
      {followUp.error ? (
        <ErrorMessage error={followUp.error} />
      ) : followUp.data === undefined ? (
        <Loading />
      ) : followUp.data.length === 0 ? (
        <p className="empty">{t('budget.followUp.none')}</p>
      ) : (
        <ul className="card-list">
          {followUp.data.map((row) => (
            <li key={row.projectId} className="card">
              <h3 className="card-title">{row.title}</h3>
              <FollowUpForm edition={edition} row={row} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** Where a project can go from each step (libs/budget's follow-up rules): the same step updates the money. */
const NEXT_STATUSES: Record<FollowUp['status'], ReadonlyArray<FollowUp['status']>> = {
  study: ['study', 'works', 'abandoned'],
  works: ['works', 'delivered', 'abandoned'],
  delivered: ['delivered'],
  abandoned: ['abandoned'],
};

/** A winner's progress: forward only (study → works → delivered), or abandoned with a public reason. */
function FollowUpForm({ edition, row }: { edition: Edition; row: FollowUp }) {
  const { t } = useTranslation();
  const format = useFormat();
  const update = useUpdateFollowUp(edition.id);
  const [status, setStatus] = useState(row.status);
  const [reason, setReason] = useState('');
  const [committed, setCommitted] = useState(format.money(row.committedCents));
  const [spent, setSpent] = useState(format.money(row.spentCents));
  const [problems, setProblems] = useState<{ reason?: string; committed?: string; spent?: string }>({});
  const [attempts, setAttempts] = useState(0);

  const submit = (): void => {
    const found: typeof problems = {};
    if (status === 'abandoned' && reason.trim() === '') found.reason = t('console.budget.reasonRequired');
    const committedCents = parseEuros(committed);
    const spentCents = parseEuros(spent);
    if (committedCents === null) found.committed = t('console.budget.amountInvalid');
    if (spentCents === null) found.spent = t('console.budget.amountInvalid');
    setProblems(found);
    setAttempts((count) => count + 1);
    if (Object.keys(found).length > 0) return;
    update.mutate({ projectId: row.projectId, body: { status, committedCents: committedCents!, spentCents: spentCents!, ...(reason.trim() === '' ? {} : { reason: reason.trim() }) } }, { onSuccess: () => setReason('') });
  };

  return (
    <form
      className="form"
      noValidate
      aria-label={t('console.budget.followUpOf', { title: row.title })}
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <ErrorSummary problems={problems} attempts={attempts} title={t('console.form.fix')} />
      <Field label={t('console.budget.status')}>
        {({ id, describedBy }) => (
          <select id={id} aria-describedby={describedBy} value={status} onChange={(event) => setStatus(event.target.value as FollowUp['status'])}>
            {NEXT_STATUSES[row.status].map((option) => (
              <option key={option} value={option}>
                {t(`budget.followUp.status.${option}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <TextArea label={status === 'abandoned' ? t('console.budget.abandonReason') : t('console.budget.note')} value={reason} onChange={(event) => setReason(event.target.value)} error={problems.reason} rows={2} maxLength={2000} />
      <TextField label={t('console.budget.committed')} inputMode="decimal" value={committed} onChange={(event) => setCommitted(event.target.value)} error={problems.committed} />
      <TextField label={t('console.budget.spent')} inputMode="decimal" value={spent} onChange={(event) => setSpent(event.target.value)} error={problems.spent} />
      {update.error ? <ErrorMessage error={update.error} /> : null}
      <div className="actions">
        <button type="submit" disabled={update.isPending}>
          {t('console.budget.saveFollowUp')}
        </button>
      </div>
      <p role="status">{update.isSuccess ? t('console.budget.followUpSaved') : ''}</p>
    </form>
  );
}
