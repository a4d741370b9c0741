import { useState } from 'react';
import { Link, useLocation, useSearchParams } from 'react-router';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, call } from '../../app/api/client';
import { useSession } from '../../app/auth/useSession';
import { useTranslation } from '../../app/i18n/i18n';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { Loading } from '../../ui/Loading';
import { Notice } from '../../ui/Notice';
import { PageTitle } from '../../ui/PageTitle';
import { TextField } from '../../ui/TextField';
import '../i18n/messages';

/** A drawn member links their account to their seat with the code from their letter. */
export function RedeemInvitationPage() {
  const { t } = useTranslation();
  const session = useSession();
  const location = useLocation();
  const [params] = useSearchParams();
  const [code, setCode] = useState(params.get('code') ?? '');
  const [problem, setProblem] = useState<string | null>(null);
  const queryClient = useQueryClient();
  const redeem = useMutation({
    mutationFn: (value: string) => call(api.POST('/api/invitations/redeem', { body: { code: value } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['assembly'] }),
  });
  const title = t('invitation.title');
  if (session.status === 'restoring') {
    return (
      <>
        <PageTitle title={title} />
        <Loading />
      </>
    );
  }
  if (redeem.data !== undefined) {
    return (
      <>
        <PageTitle title={title} />
        <Notice kind="success" live>
          <p>{t('invitation.welcome')}</p>
          <p>
            <Link to={`/assemblies/${redeem.data.assemblyId}`}>{t('invitation.toAssembly')}</Link>
          </p>
        </Notice>
      </>
    );
  }
  return (
    <>
      <PageTitle title={title} />
      <p className="lead">{t('invitation.lead')}</p>
      {session.status === 'signed-out' ? (
        <Notice>
          <p>{t('invitation.signIn')}</p>
          <p className="actions">
            <Link className="button primary" to={`/signin?next=${encodeURIComponent(location.pathname + location.search)}`}>
              {t('app.account.signIn')}
            </Link>
            <Link to={`/signup?next=${encodeURIComponent(location.pathname + location.search)}`}>{t('app.account.signUp')}</Link>
          </p>
        </Notice>
      ) : (
        <form
          className="form"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            const value = code.trim();
            if (value.length < 10) return setProblem(t('invitation.codeInvalid'));
            setProblem(null);
            redeem.mutate(value);
          }}
        >
          <TextField label={t('invitation.code')} hint={t('invitation.codeHint')} value={code} error={problem} autoComplete="off" spellCheck={false} onChange={(event) => setCode(event.target.value)} />
          {redeem.error ? <ErrorMessage error={redeem.error} /> : null}
          <div className="actions">
            <button type="submit" className="primary" disabled={redeem.isPending}>
              {t('invitation.submit')}
            </button>
          </div>
        </form>
      )}
    </>
  );
}
