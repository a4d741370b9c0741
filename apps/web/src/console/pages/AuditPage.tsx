import { useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from '../../app/i18n/i18n';
import { useFormat } from '../../app/i18n/useFormat';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { Loading } from '../../ui/Loading';
import { Notice } from '../../ui/Notice';
import { PageTitle } from '../../ui/PageTitle';
import { TextField } from '../../ui/TextField';
import { TimeText } from '../../ui/TimeText';
import { RequireRole } from '../components/RequireRole';
import { useAuditLog, useAuditVerification } from '../hooks/audit';
import { parisToIso } from '../utils/paris-time';
import { CONSOLE_ROLES } from '../utils/roles';
import '../i18n/messages';

const FAMILIES = ['', 'account', 'assembly', 'membership', 'pool', 'draw', 'poll', 'proposal', 'session', 'referendum'] as const;

/**
 * The audit log: the chain's verification at the top (the same check as `pnyx audit verify`), then
 * every entry, newest first, filtered by family of actions, actor and dates.
 */
export function AuditPage() {
  const { t } = useTranslation();
  return (
    <RequireRole roles={CONSOLE_ROLES.audit} title={t('console.audit.title')}>
      <Audit />
    </RequireRole>
  );
}

function Audit() {
  const { t } = useTranslation();
  const format = useFormat();
  const verification = useAuditVerification();
  const [draft, setDraft] = useState({ action: '', actor: '', from: '', to: '' });
  const [applied, setApplied] = useState<{ action: string; actor: string; fromIso?: string; toIso?: string }>({ action: '', actor: '' });
  const [problems, setProblems] = useState<{ from?: string; to?: string }>({});
  const log = useAuditLog(applied);
  const entries = log.data?.pages.flatMap((page) => page.entries) ?? [];

  return (
    <>
      <PageTitle title={t('console.audit.title')} />
      <p>
        <Link to="/console">{t('console.back')}</Link>
      </p>
      <section aria-labelledby="verify-heading" className="section">
        <h2 id="verify-heading">{t('console.audit.chain')}</h2>
        {verification.data === undefined ? (
          verification.error ? <ErrorMessage error={verification.error} /> : <Loading label={t('console.audit.verifying')} />
        ) : verification.data.ok ? (
          <Notice kind="success">
            <p>{t('console.audit.chainOk', { count: verification.data.count, entries: format.number(verification.data.count) })}</p>
            <p>
              {t('console.audit.head')} <code className="digest">{verification.data.headHash}</code>
            </p>
            <p className="hint">
              {t('console.audit.verifiedAt')} <TimeText iso={verification.data.verifiedAt} /> · {t('console.audit.cli')} <code>pnyx audit verify</code>
            </p>
          </Notice>
        ) : (
          <div role="alert" className="notice notice-error">
            <p>{t('console.audit.chainBroken', { seq: verification.data.broken?.seq ?? 0 })}</p>
            <p lang="en">{verification.data.broken?.description}</p>
            <p>{t('console.audit.brokenNext')}</p>
          </div>
        )}
        <button type="button" onClick={() => void verification.refetch()} disabled={verification.isFetching}>
          {t('console.audit.verifyAgain')}
        </button>
      </section>

      <section aria-labelledby="entries-heading" className="section">
        <h2 id="entries-heading">{t('console.audit.entries')}</h2>
        <form
          className="filters"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            const fromIso = draft.from === '' ? undefined : parisToIso(draft.from);
            const toIso = draft.to === '' ? undefined : parisToIso(draft.to);
            const found = { ...(fromIso === null ? { from: t('console.pollForm.timeInvalid') } : {}), ...(toIso === null ? { to: t('console.pollForm.timeInvalid') } : {}) };
            setProblems(found);
            if (fromIso === null || toIso === null) return;
            setApplied({ action: draft.action, actor: draft.actor.trim(), ...(fromIso === undefined ? {} : { fromIso }), ...(toIso === undefined ? {} : { toIso }) });
          }}
        >
          <div className="field">
            <label htmlFor="audit-action">{t('console.audit.action')}</label>
            <select id="audit-action" value={draft.action} onChange={(event) => setDraft({ ...draft, action: event.target.value })}>
              {FAMILIES.map((family) => (
                <option key={family} value={family}>
                  {family === '' ? t('console.audit.allActions') : t(`console.audit.families.${family}`)}
                </option>
              ))}
            </select>
          </div>
          <TextField label={t('console.audit.actor')} hint={t('console.audit.actorHint')} value={draft.actor} onChange={(event) => setDraft({ ...draft, actor: event.target.value })} />
          <TextField label={t('console.audit.from')} type="datetime-local" value={draft.from} error={problems.from} onChange={(event) => setDraft({ ...draft, from: event.target.value })} />
          <TextField label={t('console.audit.to')} type="datetime-local" value={draft.to} error={problems.to} onChange={(event) => setDraft({ ...draft, to: event.target.value })} />
          <div className="actions">
            <button type="submit" className="primary">
              {t('console.audit.filter')}
            </button>
          </div>
        </form>
        {log.error ? <ErrorMessage error={log.error} /> : null}
        {log.data === undefined && log.error === null ? (
          <Loading />
        ) : entries.length === 0 ? (
          <p className="empty">{t('console.audit.none')}</p>
        ) : (
          <div className="table-scroll" role="region" aria-labelledby="entries-heading" tabIndex={0}>
            <table className="audit-table">
              <thead>
                <tr>
                  <th scope="col" className="number">
                    {t('console.audit.seq')}
                  </th>
                  <th scope="col">{t('console.audit.when')}</th>
                  <th scope="col">{t('console.audit.action')}</th>
                  <th scope="col">{t('console.audit.actor')}</th>
                  <th scope="col">{t('console.audit.subject')}</th>
                  <th scope="col">{t('console.audit.data')}</th>
                </tr>
              </thead>
              <tbody>
                {entries.map((entry) => (
                  <tr key={entry.seq}>
                    <th scope="row" className="number">
                      {entry.seq}
                    </th>
                    <td>
                      <TimeText iso={entry.occurredAt} />
                    </td>
                    <td>
                      <code>{entry.action}</code>
                    </td>
                    <td>{entry.actor === 'system' ? t('console.audit.system') : (entry.actorName ?? entry.actor)}</td>
                    <td>{entry.subjectType === null ? '—' : `${entry.subjectType} ${entry.subjectId?.slice(0, 8) ?? ''}`}</td>
                    <td>
                      <details>
                        <summary>{t('console.audit.details')}</summary>
                        <pre className="audit-data">{JSON.stringify(entry.data, null, 2)}</pre>
                        <p className="hint">
                          {t('console.audit.hash')} <code className="digest">{entry.hash}</code>
                        </p>
                      </details>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {log.hasNextPage ? (
          <button type="button" onClick={() => void log.fetchNextPage()} disabled={log.isFetchingNextPage}>
            {t('console.audit.older')}
          </button>
        ) : null}
      </section>
    </>
  );
}
