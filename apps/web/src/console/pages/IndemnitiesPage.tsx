import { useState } from 'react';
import { Link, useParams } from 'react-router';
import type { Schemas } from '../../app/api/client';
import { useTranslation } from '../../app/i18n/i18n';
import { useFormat } from '../../app/i18n/useFormat';
import { useAssembly } from '../../deliberation/hooks/assemblies';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { Loading } from '../../ui/Loading';
import { PageFallback } from '../../ui/PageFallback';
import { PageTitle } from '../../ui/PageTitle';
import { ProgressMeter } from '../../ui/ProgressMeter';
import { TextField } from '../../ui/TextField';
import { saveFile } from '../../ui/utils/download';
import { RequireRole } from '../components/RequireRole';
import { fetchStatementCsv, fetchStatementPdf, useIndemnityRules, useSetIndemnityRules, useStatement } from '../hooks/attendance';
import { centsToEuros, parisMonthOf, rulesRequest, type RulesDraft, type RulesProblems } from '../utils/indemnity-form';
import { CONSOLE_ROLES } from '../utils/roles';
import '../i18n/messages';

/** What members are paid for attending: the rules, and the statement per member and month for the city's payment service. */
export function IndemnitiesPage() {
  const { t } = useTranslation();
  return (
    <RequireRole roles={CONSOLE_ROLES.organise} title={t('console.indemnities.title')}>
      <Indemnities />
    </RequireRole>
  );
}

function Indemnities() {
  const { assemblyId = '' } = useParams();
  const { t } = useTranslation();
  const assembly = useAssembly(assemblyId);
  const rules = useIndemnityRules(assemblyId);
  if (assembly.data === undefined) return <PageFallback title={t('console.indemnities.title')} error={assembly.error} />;
  return (
    <>
      <PageTitle title={t('console.indemnities.titleOf', { assembly: assembly.data.name })} />
      <p>
        <Link to={`/console/assemblies/${assemblyId}`}>{t('console.sortition.back')}</Link>
      </p>
      <section aria-labelledby="rules-heading" className="section">
        <h2 id="rules-heading">{t('console.indemnities.rules')}</h2>
        {rules.data === undefined ? rules.error ? <ErrorMessage error={rules.error} /> : <Loading /> : <RulesForm assemblyId={assemblyId} rules={rules.data.rules} />}
      </section>
      {rules.data?.rules ? <Statement assemblyId={assemblyId} /> : null}
    </>
  );
}

function RulesForm({ assemblyId, rules }: { assemblyId: string; rules: Schemas['IndemnityRulesDto'] | null }) {
  const { t } = useTranslation();
  const format = useFormat();
  const save = useSetIndemnityRules(assemblyId);
  const [draft, setDraft] = useState<RulesDraft>({
    amount: rules === null ? '44' : centsToEuros(rules.centsPerHalfDay),
    minimumMinutes: String(rules?.minimumMinutes ?? 120),
    cap: rules === null || rules.monthlyCapCents === null ? '' : centsToEuros(rules.monthlyCapCents),
  });
  const [problems, setProblems] = useState<RulesProblems>({});
  const [saved, setSaved] = useState(false);
  const field = (key: keyof RulesDraft) => ({
    value: draft[key],
    error: problems[key] === undefined ? null : t(`console.indemnities.problems.${problems[key]}`),
    onChange: (event: { target: { value: string } }) => {
      setSaved(false);
      setDraft({ ...draft, [key]: event.target.value });
    },
  });
  return (
    <>
      {rules === null ? (
        <p>{t('console.indemnities.noRules')}</p>
      ) : (
        <p>
          {rules.monthlyCapCents === null
            ? t('console.indemnities.inForce', { amount: format.money(rules.centsPerHalfDay), minutes: format.number(rules.minimumMinutes) })
            : t('console.indemnities.inForceCapped', { amount: format.money(rules.centsPerHalfDay), minutes: format.number(rules.minimumMinutes), cap: format.money(rules.monthlyCapCents) })}
        </p>
      )}
      <form
        className="inline-form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          const request = rulesRequest(draft);
          setProblems(request.problems);
          if (request.body !== null) save.mutate(request.body, { onSuccess: () => setSaved(true) });
        }}
      >
        <TextField label={t('console.indemnities.amount')} hint={t('console.indemnities.amountHint')} inputMode="decimal" {...field('amount')} />
        <TextField label={t('console.indemnities.minimum')} hint={t('console.indemnities.minimumHint')} inputMode="numeric" {...field('minimumMinutes')} />
        <TextField label={t('console.indemnities.cap')} hint={t('console.indemnities.capHint')} inputMode="decimal" {...field('cap')} />
        {save.error ? <ErrorMessage error={save.error} /> : null}
        <p role="status">{saved ? t('console.indemnities.saved') : ''}</p>
        <button type="submit" className="primary" disabled={save.isPending}>
          {t('console.indemnities.save')}
        </button>
      </form>
    </>
  );
}

function Statement({ assemblyId }: { assemblyId: string }) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const [from, setFrom] = useState(() => parisMonthOf(new Date()));
  const [to, setTo] = useState(from);
  const valid = /^\d{4}-\d{2}$/.test(from) && /^\d{4}-\d{2}$/.test(to);
  const statement = useStatement(assemblyId, from, to, valid);
  const [downloadError, setDownloadError] = useState<unknown>(null);
  const name = `indemnites-${from}${to === from ? '' : `-${to}`}`;
  const attending = (statement.data?.members ?? []).filter((member) => member.lines.length > 0);
  const most = Math.max(1, ...attending.map((member) => member.payableCents));
  return (
    <section aria-labelledby="statement-heading" className="section">
      <h2 id="statement-heading">{t('console.indemnities.statement')}</h2>
      <div className="inline-form">
        <TextField label={t('console.indemnities.from')} type="month" value={from} onChange={(event) => setFrom(event.target.value)} />
        <TextField label={t('console.indemnities.to')} type="month" value={to} onChange={(event) => setTo(event.target.value)} />
      </div>
      {statement.error ? <ErrorMessage error={statement.error} /> : null}
      {statement.data === undefined ? (
        valid && !statement.error ? <Loading /> : null
      ) : (
        <>
          <p>
            {t('console.indemnities.total', { amount: format.money(statement.data.payableCents), count: attending.filter((member) => member.payableCents > 0).length, sittings: format.number(statement.data.sessions.length) })}
          </p>
          <div className="actions">
            <button
              type="button"
              onClick={() => {
                setDownloadError(null);
                fetchStatementCsv(assemblyId, from, to).then((csv) => saveFile(csv, `${name}.csv`, 'text/csv;charset=utf-8'), setDownloadError);
              }}
            >
              {t('console.indemnities.csv')}
            </button>
            <button
              type="button"
              onClick={() => {
                setDownloadError(null);
                fetchStatementPdf(assemblyId, from, to, i18n.language === 'en' ? 'en' : 'fr').then((pdf) => saveFile(pdf, `${name}.pdf`, 'application/pdf'), setDownloadError);
              }}
            >
              {t('console.indemnities.pdf')}
            </button>
          </div>
          {downloadError ? <ErrorMessage error={downloadError} /> : null}
          {attending.length === 0 ? (
            <p className="empty">{t('console.indemnities.nobody')}</p>
          ) : (
            <div className="table-scroll" role="region" aria-labelledby="statement-heading" tabIndex={0}>
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('console.indemnities.member')}</th>
                    <th scope="col">{t('console.indemnities.month')}</th>
                    <th scope="col">{t('console.indemnities.halfDays')}</th>
                    <th scope="col">{t('console.indemnities.gross')}</th>
                    <th scope="col">{t('console.indemnities.capped')}</th>
                    <th scope="col">{t('console.indemnities.payable')}</th>
                  </tr>
                </thead>
                <tbody>
                  {attending.flatMap((member) =>
                    member.months.map((month, index) => (
                      <tr key={`${member.membershipId}-${month.month}`}>
                        {index === 0 ? (
                          <th scope="row" rowSpan={member.months.length}>
                            {member.name}
                            {member.personId !== undefined && member.personId !== member.name ? (
                              <>
                                {' '}
                                <code>{member.personId}</code>
                              </>
                            ) : null}
                          </th>
                        ) : null}
                        <td>{format.month(month.month)}</td>
                        <td>{format.number(month.halfDays)}</td>
                        <td>{format.money(month.grossCents)}</td>
                        <td>{month.cappedCents > 0 ? format.money(month.cappedCents) : '—'}</td>
                        <td>
                          <ProgressMeter value={month.payableCents} max={most}>
                            {format.money(month.payableCents)}
                          </ProgressMeter>
                        </td>
                      </tr>
                    )),
                  )}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </section>
  );
}
