import { useState } from 'react';
import { useTranslation } from '../i18n/i18n';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { PageTitle } from '../../ui/PageTitle';
import { TextField } from '../../ui/TextField';
import { ApiError } from '../api/errors';
import { ProviderButtons } from '../auth/ProviderButtons';
import { useSignInMethods } from '../auth/providers';
import { signIn } from '../auth/session';
import { safeNext } from './safe-next';

/**
 * Sign in through an identity provider (the buttons) or with email and password; back to the page
 * that asked (`?next=`, same site only). A provider's refusal comes back as `?signInError=CODE`.
 */
export function SignInPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [pending, setPending] = useState(false);
  const methods = useSignInMethods();
  const providerError = params.get('signInError');

  const submit = async (): Promise<void> => {
    setPending(true);
    setError(null);
    try {
      await signIn(email.trim(), password);
      await navigate(next, { replace: true });
    } catch (failure) {
      setError(failure);
      setPending(false);
    }
  };

  const providers = methods.data?.providers ?? [];
  const passwordForm = (
    <form
      className="form narrow"
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      {error !== null ? <ErrorMessage error={error} /> : null}
      <TextField label={t('auth.email')} type="email" autoComplete="email" value={email} onChange={(event) => setEmail(event.target.value)} required />
      <TextField label={t('auth.password')} type="password" autoComplete="current-password" value={password} onChange={(event) => setPassword(event.target.value)} required />
      <button type="submit" className="primary" disabled={pending}>
        {pending ? t('auth.signIn.pending') : t('auth.signIn.submit')}
      </button>
    </form>
  );

  return (
    <>
      <PageTitle title={t('auth.signIn.title')} />
      {providerError !== null ? <ErrorMessage error={new ApiError(0, providerError, providerError)} /> : null}
      {providers.length > 0 ? (
        <section aria-labelledby="providers-heading">
          <h2 id="providers-heading">{t('auth.providers.heading')}</h2>
          <ProviderButtons providers={providers} returnTo={next} />
        </section>
      ) : null}
      {methods.data?.passwordLogin === false ? (
        <details>
          <summary>{t('auth.staffOnly')}</summary>
          {passwordForm}
        </details>
      ) : (
        <>
          {providers.length > 0 ? <h2>{t('auth.providers.or')}</h2> : null}
          {passwordForm}
          <p>
            {t('auth.signIn.noAccount')} <Link to={`/signup?next=${encodeURIComponent(next)}`}>{t('app.account.signUp')}</Link>
          </p>
        </>
      )}
    </>
  );
}
