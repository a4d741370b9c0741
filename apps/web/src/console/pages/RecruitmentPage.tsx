import { useState } from 'react';
import { Link, useParams } from 'react-router';
import type { Schemas } from '../../app/api/client';
import { isApiError } from '../../app/api/errors';
import { useTranslation } from '../../app/i18n/i18n';
import { useFormat } from '../../app/i18n/useFormat';
import { useAssembly } from '../../deliberation/hooks/assemblies';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { Field } from '../../ui/Field';
import { Loading } from '../../ui/Loading';
import { Notice } from '../../ui/Notice';
import { PageFallback } from '../../ui/PageFallback';
import { PageTitle } from '../../ui/PageTitle';
import { TextArea } from '../../ui/TextArea';
import { TextField } from '../../ui/TextField';
import { TimeText } from '../../ui/TimeText';
import { InvitationDrawCard } from '../components/InvitationDrawCard';
import { InvitationSearch } from '../components/InvitationSearch';
import { PoolUploadError } from '../components/PoolUploadError';
import { Respondents } from '../components/Respondents';
import { RequireRole } from '../components/RequireRole';
import { SourceListError } from '../components/SourceListError';
import { useInvitationDraws, usePoolFromRespondents, usePublishInvitationDraw, useRespondents, useSourceLists, useUploadSourceList } from '../hooks/recruitment';
import { DEFAULT_QUESTIONS, invitationDrawRequest, sourceFromFileName, type InvitationDrawDraft, type InvitationDrawProblems } from '../utils/recruitment-form';
import { CONSOLE_ROLES } from '../utils/roles';
import '../i18n/messages';

/**
 * Recruitment as Paris did it: invitations drawn from the city's lists (published, then seeded in
 * public), letters with codes, the answers, and the stage-2 pool the usual draw starts from.
 */
export function RecruitmentPage() {
  const { t } = useTranslation();
  return (
    <RequireRole roles={CONSOLE_ROLES.organise} title={t('console.recruitment.title')}>
      <Recruitment />
    </RequireRole>
  );
}

function Recruitment() {
  const { assemblyId = '' } = useParams();
  const { t } = useTranslation();
  const assembly = useAssembly(assemblyId);
  const lists = useSourceLists(assemblyId);
  const draws = useInvitationDraws(assemblyId);
  const respondents = useRespondents(assemblyId);
  if (assembly.data === undefined) return <PageFallback title={t('console.recruitment.title')} error={assembly.error} />;
  const pending = draws.data?.find((draw) => draw.status === 'published');
  const drawn = (draws.data ?? []).filter((draw) => draw.status === 'drawn');
  const invited = drawn.reduce((sum, draw) => sum + (draw.invited ?? 0), 0);
  const answered = respondents.data?.length ?? 0;
  const step = (lists.data ?? []).length === 0 ? 1 : drawn.length === 0 ? 2 : answered === 0 ? 3 : 4;

  return (
    <>
      <PageTitle title={t('console.recruitment.titleOf', { assembly: assembly.data.name })} />
      <p>
        <Link to={`/console/assemblies/${assemblyId}`}>{t('console.sortition.back')}</Link>
      </p>
      <p className="lead">{t('console.recruitment.lead')}</p>
      <ol className="steps">
        {[1, 2, 3, 4].map((n) => (
          <li key={n} className={n < step ? 'step-done' : n === step ? 'step-current' : undefined} aria-current={n === step ? 'step' : undefined}>
            {t(`console.recruitment.step${n as 1 | 2 | 3 | 4}`)}
          </li>
        ))}
      </ol>

      <section aria-labelledby="lists-heading" className="section">
        <h2 id="lists-heading">{t('console.recruitment.lists')}</h2>
        {lists.data === undefined ? lists.error ? <ErrorMessage error={lists.error} /> : <Loading /> : <ListsTable lists={lists.data} />}
        <ListUpload assemblyId={assemblyId} />
      </section>

      <section aria-labelledby="invitations-heading" className="section">
        <h2 id="invitations-heading">{t('console.recruitment.invitations')}</h2>
        {draws.data === undefined ? (
          draws.error ? (
            <ErrorMessage error={draws.error} />
          ) : (
            <Loading />
          )
        ) : (
          <>
            {draws.data.length === 0 ? <p className="empty">{t('console.recruitment.noDraw')}</p> : null}
            {draws.data.map((draw) => (
              <InvitationDrawCard key={draw.id} assemblyId={assemblyId} draw={draw} />
            ))}
            {pending === undefined && (lists.data ?? []).length > 0 ? (
              drawn.length === 0 ? (
                <PublishDraw assemblyId={assemblyId} lists={lists.data ?? []} />
              ) : (
                <details className="settings">
                  <summary>{t('console.recruitment.anotherWave')}</summary>
                  <PublishDraw assemblyId={assemblyId} lists={lists.data ?? []} />
                </details>
              )
            ) : null}
          </>
        )}
      </section>

      <section aria-labelledby="respondents-heading" className="section">
        <h2 id="respondents-heading">{t('console.recruitment.respondents')}</h2>
        {respondents.data === undefined ? (
          respondents.error ? (
            <ErrorMessage error={respondents.error} />
          ) : (
            <Loading />
          )
        ) : (
          <Respondents assemblyId={assemblyId} respondents={respondents.data} invited={invited} questions={drawn[0]?.questions ?? []} />
        )}
      </section>

      {drawn.length > 0 ? (
        <section aria-labelledby="find-heading" className="section">
          <h2 id="find-heading">{t('console.recruitment.findTitle')}</h2>
          <p className="hint">{t('console.recruitment.findHint')}</p>
          <InvitationSearch assemblyId={assemblyId} />
        </section>
      ) : null}

      <section aria-labelledby="pool-heading" className="section">
        <h2 id="pool-heading">{t('console.recruitment.pool')}</h2>
        {answered === 0 ? <p className="empty">{t('console.recruitment.poolWaits')}</p> : <PoolFromRespondents assemblyId={assemblyId} questions={drawn[0]?.questions ?? []} />}
      </section>
    </>
  );
}

function ListsTable({ lists }: { lists: Schemas['SourceListDto'][] }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (lists.length === 0) return <p className="empty">{t('console.recruitment.noList')}</p>;
  return (
    <div className="table-scroll" role="region" aria-labelledby="lists-heading" tabIndex={0}>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('console.recruitment.source')}</th>
            <th scope="col">{t('console.recruitment.file')}</th>
            <th scope="col" className="number">
              {t('console.recruitment.rows')}
            </th>
            <th scope="col">{t('console.recruitment.sha256')}</th>
            <th scope="col">{t('console.sortition.uploaded')}</th>
          </tr>
        </thead>
        <tbody>
          {lists.map((list) => (
            <tr key={list.id}>
              <th scope="row">{list.source}</th>
              <td>{list.fileName}</td>
              <td className="number">{format.number(list.rows)}</td>
              <td>
                <code className="digest">{list.sha256}</code>
              </td>
              <td>
                <TimeText iso={list.uploadedAt} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ListUpload({ assemblyId }: { assemblyId: string }) {
  const { t } = useTranslation();
  const upload = useUploadSourceList(assemblyId);
  const [file, setFile] = useState<File | null>(null);
  const [source, setSource] = useState('');
  const [problems, setProblems] = useState<{ file?: string; source?: string }>({});
  return (
    <form
      className="form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const label = source.trim();
        const found = {
          ...(file === null ? { file: t('console.recruitment.fileRequired') } : {}),
          ...(/^[a-z0-9][a-z0-9_-]{0,39}$/.test(label) ? {} : { source: t('console.recruitment.sourceInvalid') }),
        };
        setProblems(found);
        if (file === null || Object.keys(found).length > 0) return;
        upload.mutate({ file, source: label });
      }}
    >
      <h3>{t('console.recruitment.upload')}</h3>
      <p className="hint">{t('console.recruitment.uploadHint')}</p>
      <Field label={t('console.recruitment.listInput')} hint={t('console.recruitment.listInputHint')} error={problems.file}>
        {({ id, describedBy }) => (
          <input
            id={id}
            type="file"
            accept=".csv,text/csv"
            aria-describedby={describedBy}
            aria-invalid={problems.file === undefined ? undefined : true}
            onChange={(event) => {
              const chosen = event.target.files?.[0] ?? null;
              setFile(chosen);
              if (chosen !== null && source === '') setSource(sourceFromFileName(chosen.name));
            }}
          />
        )}
      </Field>
      <TextField label={t('console.recruitment.sourceLabel')} hint={t('console.recruitment.sourceHint')} value={source} error={problems.source} autoComplete="off" spellCheck={false} onChange={(event) => setSource(event.target.value)} />
      {upload.error ? isApiError(upload.error, 'SOURCE_LIST_INVALID') ? <SourceListError error={upload.error} /> : <ErrorMessage error={upload.error} /> : null}
      {upload.isPending ? <Loading label={t('console.recruitment.checking')} /> : null}
      {upload.isSuccess ? (
        <Notice kind="success" live>
          <p>{t('console.recruitment.uploadedOk', { count: upload.data.rows, source: upload.data.source })}</p>
        </Notice>
      ) : null}
      <div className="actions">
        <button type="submit" className="primary" disabled={upload.isPending}>
          {t('console.recruitment.uploadSubmit')}
        </button>
      </div>
    </form>
  );
}

function PublishDraw({ assemblyId, lists }: { assemblyId: string; lists: Schemas['SourceListDto'][] }) {
  const { t, i18n } = useTranslation();
  const publish = usePublishInvitationDraw(assemblyId);
  // The newest list of each source, offered in upload order (oldest first, as the roll usually comes first).
  const offered = [...new Map([...lists].reverse().map((list) => [list.source, list])).values()];
  const [draft, setDraft] = useState<InvitationDrawDraft>({
    weights: Object.fromEntries(offered.map((list) => [list.id, ''])),
    count: '',
    byAge: false,
    countedOn: '',
    questions: DEFAULT_QUESTIONS[i18n.language === 'en' ? 'en' : 'fr'],
  });
  const [problems, setProblems] = useState<InvitationDrawProblems>({});
  return (
    <form
      className="form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const { problems: found, body } = invitationDrawRequest(
          draft,
          offered.map((list) => list.id),
          t,
        );
        setProblems(found);
        if (body !== undefined) publish.mutate(body);
      }}
    >
      <h3>{t('console.recruitment.publishTitle')}</h3>
      <p className="hint">{t('console.recruitment.publishHint')}</p>
      <fieldset aria-describedby={problems.weights === undefined ? 'weights-hint' : 'weights-hint weights-error'}>
        <legend>{t('console.recruitment.mix')}</legend>
        <p className="hint" id="weights-hint">
          {t('console.recruitment.mixHint')}
        </p>
        {problems.weights !== undefined ? (
          <p className="field-error" id="weights-error">
            {problems.weights}
          </p>
        ) : null}
        {offered.map((list) => (
          <TextField
            key={list.id}
            label={t('console.recruitment.weightOf', { source: list.source, count: list.rows })}
            inputMode="numeric"
            value={draft.weights[list.id] ?? ''}
            onChange={(event) => setDraft({ ...draft, weights: { ...draft.weights, [list.id]: event.target.value } })}
          />
        ))}
      </fieldset>
      <TextField label={t('console.recruitment.count')} hint={t('console.recruitment.countHint')} inputMode="numeric" value={draft.count} error={problems.count} onChange={(event) => setDraft({ ...draft, count: event.target.value })} />
      <p className="radio">
        <input id="by-age" type="checkbox" checked={draft.byAge} aria-describedby="by-age-hint" onChange={(event) => setDraft({ ...draft, byAge: event.target.checked })} />
        <label htmlFor="by-age">{t('console.recruitment.byAge')}</label>
        <span className="hint" id="by-age-hint">
          {t('console.recruitment.byAgeHint')}
        </span>
      </p>
      <TextField label={t('console.recruitment.countedOn')} hint={t('console.recruitment.countedOnHint')} type="date" value={draft.countedOn} error={problems.countedOn} onChange={(event) => setDraft({ ...draft, countedOn: event.target.value })} />
      <TextArea label={t('console.recruitment.questions')} hint={t('console.recruitment.questionsHint')} rows={5} value={draft.questions} error={problems.questions} spellCheck={false} onChange={(event) => setDraft({ ...draft, questions: event.target.value })} />
      {publish.error ? <ErrorMessage error={publish.error} /> : null}
      <div className="actions">
        <button type="submit" className="primary" disabled={publish.isPending}>
          {t('console.recruitment.publish')}
        </button>
      </div>
    </form>
  );
}

function PoolFromRespondents({ assemblyId, questions }: { assemblyId: string; questions: Schemas['RespondentQuestionDto'][] }) {
  const { t } = useTranslation();
  const make = usePoolFromRespondents(assemblyId);
  const [quotas, setQuotas] = useState<File | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const categories = ['source', 'age', 'district', ...questions.map((question) => question.category)];
  return (
    <form
      className="form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (quotas === null) return setProblem(t('console.sortition.quotasRequired'));
        setProblem(null);
        make.mutate(quotas);
      }}
    >
      <p className="hint">{t('console.recruitment.poolHint', { categories: categories.join(', ') })}</p>
      <Field label={t('console.sortition.quotasInput')} hint={t('console.sortition.quotasInputHint')} error={problem}>
        {({ id, describedBy }) => (
          <input id={id} type="file" accept=".csv,text/csv" aria-describedby={describedBy} aria-invalid={problem === null ? undefined : true} onChange={(event) => setQuotas(event.target.files?.[0] ?? null)} />
        )}
      </Field>
      {make.error ? isApiError(make.error, 'POOL_CSV_INVALID', 'QUOTAS_INFEASIBLE') ? <PoolUploadError error={make.error} /> : <ErrorMessage error={make.error} /> : null}
      {make.isSuccess ? (
        <Notice kind="success" live>
          <p>
            {t('console.recruitment.poolMade', { count: make.data.volunteerCount })} <Link to={`/console/assemblies/${assemblyId}/sortition`}>{t('console.recruitment.toDraw')}</Link>
          </p>
        </Notice>
      ) : null}
      <div className="actions">
        <button type="submit" className="primary" disabled={make.isPending}>
          {t('console.recruitment.makePool')}
        </button>
      </div>
    </form>
  );
}
