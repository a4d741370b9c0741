import { useState } from 'react';
import { useTranslation } from '../i18n/i18n';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ApiError } from '../api/errors';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { PageTitle } from '../../ui/PageTitle';
import { TextField } from '../../ui/TextField';
import { signUp } from '../auth/session';
import { ProviderButtons } from '../auth/ProviderButtons';
import { useSignInMethods } from '../auth/providers';
import { safeNext } from './safe-next';

const PASSWORD_MIN = 12;

/** Create a resident account, then sign in at once. The API's refusals are explained field by field. */
export function SignUpPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const [displayName, setDisplayName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [fieldErrors, setFieldErrors] = useState<{ displayName?: string; email?: string; password?: string }>({});
  const [error, setError] = useState<unknown>(null);
  const [pending, setPending] = useState(false);
  const methods = useSignInMethods();

  const submit = async (): Promise<void> => {
    const found: typeof fieldErrors = {};
    if (displayName.trim() === '') found.displayName = t('auth.signUp.nameRequired');
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email.trim())) found.email = t('auth.signUp.emailInvalid');
    if (password.length < PASSWORD_MIN) found.password = t('auth.signUp.passwordShort', { min: PASSWORD_MIN });
    setFieldErrors(found);
    setError(null);
    if (Object.keys(found).length > 0) return;
    setPending(true);
    try {
      await signUp({ email: email.trim(), password, displayName: displayName.trim(), locale: i18n.language === 'en' ? 'en' : 'fr' });
      await navigate(next, { replace: true });
    } catch (failure) {
      if (failure instanceof ApiError && failure.code === 'WEAK_PASSWORD') setFieldErrors({ password: t('errors.WEAK_PASSWORD') });
      else if (failure instanceof ApiError && failure.code === 'EMAIL_TAKEN') setFieldErrors({ email: t('errors.EMAIL_TAKEN') });
      setError(failure);
      setPending(false);
    }
  };

  // Where residents sign in through providers only, their account is made by the first sign-in.
  if (methods.data?.passwordLogin === false) {
    return (
      <>
        <PageTitle title={t('auth.signUp.title')} />
        <p className="lead">{t('auth.signUp.intro')}</p>
        <p>{t('auth.signUpByProvider')}</p>
        <ProviderButtons providers={methods.data.providers} returnTo={next} />
      </>
    );
  }

  return (
    <>
      <PageTitle title={t('auth.signUp.title')} />
      <p className="lead">{t('auth.signUp.intro')}</p>
      {methods.data !== undefined && methods.data.providers.length > 0 ? (
        <section aria-labelledby="providers-heading">
          <h2 id="providers-heading">{t('auth.providers.heading')}</h2>
          <ProviderButtons providers={methods.data.providers} returnTo={next} />
          <h2>{t('auth.providers.or')}</h2>
        </section>
      ) : null}
      <form
        className="form narrow"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        {error !== null ? <ErrorMessage error={error} /> : null}
        <TextField label={t('auth.displayName')} hint={t('auth.displayNameHint')} autoComplete="name" value={displayName} onChange={(event) => setDisplayName(event.target.value)} error={fieldErrors.displayName} maxLength={120} required />
        <TextField label={t('auth.email')} type="email" autoComplete="email" value={email} onChange={(event) => setEmail(event.target.value)} error={fieldErrors.email} maxLength={254} required />
        <TextField
          label={t('auth.password')}
          hint={t('auth.passwordHint', { min: PASSWORD_MIN })}
          type="password"
          autoComplete="new-password"
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          error={fieldErrors.password}
          maxLength={256}
          required
        />
        <button type="submit" className="primary" disabled={pending}>
          {pending ? t('auth.signUp.pending') : t('auth.signUp.submit')}
        </button>
      </form>
      <p>
        {t('auth.signUp.haveAccount')} <Link to={`/signin?next=${encodeURIComponent(next)}`}>{t('app.account.signIn')}</Link>
      </p>
    </>
  );
}
