import { useState } from 'react';
import { useTranslation } from '../i18n/i18n';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { goToProvider } from './providers';

/**
 * One button per identity provider ("Sign in with FranceConnect"): a real button, as it starts a
 * request before the browser leaves. Says what Pnyx keeps before the person goes.
 */
export function ProviderButtons({ providers, returnTo, mode = 'sign-in', label }: { providers: Array<{ id: string; name: string }>; returnTo: string; mode?: 'sign-in' | 'link'; label?: (name: string) => string }) {
  const { t } = useTranslation();
  const [leaving, setLeaving] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  if (providers.length === 0) return null;
  const go = async (id: string): Promise<void> => {
    setLeaving(id);
    setError(null);
    try {
      await goToProvider(id, returnTo, mode);
    } catch (failure) {
      setError(failure);
      setLeaving(null);
    }
  };
  return (
    <div className="provider-buttons">
      {error !== null ? <ErrorMessage error={error} /> : null}
      <ul className="plain-list">
        {providers.map((provider) => (
          <li key={provider.id}>
            <button type="button" className="primary" onClick={() => void go(provider.id)} disabled={leaving !== null} aria-describedby="provider-intro">
              {leaving === provider.id ? t('auth.providers.pending', { name: provider.name }) : (label ?? ((name) => t('auth.providers.withProvider', { name })))(provider.name)}
            </button>
          </li>
        ))}
      </ul>
      <p className="hint" id="provider-intro">
        {t('auth.providers.intro', { name: providers.map((provider) => provider.name).join(', ') })}
      </p>
    </div>
  );
}
