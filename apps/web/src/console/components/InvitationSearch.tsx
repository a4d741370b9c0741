import { useState } from 'react';
import { useTranslation } from '../../app/i18n/i18n';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { Loading } from '../../ui/Loading';
import { Notice } from '../../ui/Notice';
import { TextField } from '../../ui/TextField';
import { useInvitationSearch, useReissueCode } from '../hooks/recruitment';
import '../i18n/messages';

/** Finds an invitation by name — a lost letter gets a new code (shown once), a caller without their letter is found. */
export function InvitationSearch({ assemblyId }: { assemblyId: string }) {
  const { t } = useTranslation();
  const [typed, setTyped] = useState('');
  const [search, setSearch] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const results = useInvitationSearch(assemblyId, search);
  const reissue = useReissueCode(assemblyId);
  return (
    <>
      <form
        className="form"
        role="search"
        aria-label={t('console.recruitment.findTitle')}
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (typed.trim().length < 2) return setProblem(t('console.recruitment.searchTooShort'));
          setProblem(null);
          reissue.reset();
          setSearch(typed.trim());
        }}
      >
        <TextField label={t('console.recruitment.searchLabel')} hint={t('console.recruitment.searchHint')} value={typed} error={problem} autoComplete="off" onChange={(event) => setTyped(event.target.value)} />
        <div className="actions">
          <button type="submit">{t('console.recruitment.searchButton')}</button>
        </div>
      </form>
      {reissue.data !== undefined ? (
        <Notice kind="success" live>
          <p>
            {t('console.recruitment.newCode', { name: `${reissue.data.invitation.givenNames} ${reissue.data.invitation.familyName}` })} <code className="digest-large">{reissue.data.code}</code>
          </p>
          <p>{t('console.recruitment.newCodeOnce', { url: reissue.data.answerUrl })}</p>
        </Notice>
      ) : null}
      {reissue.error ? <ErrorMessage error={reissue.error} /> : null}
      {search === '' ? null : results.data === undefined ? (
        results.error ? (
          <ErrorMessage error={results.error} />
        ) : (
          <Loading />
        )
      ) : results.data.length === 0 ? (
        <p className="empty" role="status">
          {t('console.recruitment.noneFound', { search })}
        </p>
      ) : (
        <div className="table-scroll" role="region" aria-label={t('console.recruitment.found', { search })} tabIndex={0}>
          <table>
            <caption>{t('console.recruitment.found', { search })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('console.recruitment.name')}</th>
                <th scope="col">{t('console.recruitment.address')}</th>
                <th scope="col">{t('console.recruitment.source')}</th>
                <th scope="col">{t('console.recruitment.state')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('console.recruitment.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {results.data.map((invitation) => {
                const who = `${invitation.givenNames} ${invitation.familyName}`;
                return (
                  <tr key={invitation.id}>
                    <th scope="row">{who}</th>
                    <td>
                      {invitation.address}, {invitation.district}
                    </td>
                    <td>{invitation.source}</td>
                    <td>{invitation.answered ? t('console.recruitment.stateAnswered') : invitation.hasCode ? t('console.recruitment.stateSent') : t('console.recruitment.stateNoLetter')}</td>
                    <td>
                      {invitation.answered || !invitation.hasCode ? null : (
                        <button type="button" className="small" disabled={reissue.isPending} aria-label={t('console.recruitment.newCodeFor', { name: who })} onClick={() => reissue.mutate(invitation.id)}>
                          {t('console.recruitment.newCodeButton')}
                        </button>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
