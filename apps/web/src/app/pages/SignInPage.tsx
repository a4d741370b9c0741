import { useState } from 'react';
import { useTranslation } from '../i18n/i18n';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { PageTitle } from '../../ui/PageTitle';
import { TextField } from '../../ui/TextField';
import { signIn } from '../auth/session';
import { safeNext } from './safe-next';

/** Sign in with email and password; back to the page that asked (`?next=`, same site only). */
export function SignInPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [pending, setPending] = useState(false);

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

  return (
    <>
      <PageTitle title={t('auth.signIn.title')} />
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
      <p>
        {t('auth.signIn.noAccount')} <Link to={`/signup?next=${encodeURIComponent(next)}`}>{t('app.account.signUp')}</Link>
      </p>
    </>
  );
}
