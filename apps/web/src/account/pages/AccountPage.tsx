import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { ApiError } from '../../app/api/errors';
import { ProviderButtons } from '../../app/auth/ProviderButtons';
import { useMe, useSignInMethods } from '../../app/auth/providers';
import { useSession } from '../../app/auth/useSession';
import { useTranslation } from '../../app/i18n/i18n';
import { useFormat } from '../../app/i18n/useFormat';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { Loading } from '../../ui/Loading';
import { Notice } from '../../ui/Notice';
import { PageTitle } from '../../ui/PageTitle';
import { saveFile } from '../../ui/utils/download';
import { downloadMyData, useDeleteAccount, useUnlinkIdentity } from '../hooks/account';
import '../i18n/messages';

/**
 * The person's own account: their details, the identity services linked (and exactly what is kept
 * of each), their data to download, and the deletion of the account.
 */
export function AccountPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const session = useSession();
  const [params] = useSearchParams();
  const me = useMe(session.status === 'signed-in');
  const methods = useSignInMethods();
  const unlink = useUnlinkIdentity();
  const deletion = useDeleteAccount();
  const [unlinked, setUnlinked] = useState<string | null>(null);
  const [downloading, setDownloading] = useState(false);
  const [downloadError, setDownloadError] = useState<unknown>(null);
  const [confirmed, setConfirmed] = useState(false);
  const [confirmMissing, setConfirmMissing] = useState(false);

  if (deletion.isSuccess) {
    return (
      <>
        <PageTitle title={t('account.title')} />
        <Notice kind="success" live>
          <p>{t('account.delete.done')}</p>
        </Notice>
      </>
    );
  }
  if (session.status === 'restoring') return <Loading />;
  if (session.status === 'signed-out') {
    return (
      <>
        <PageTitle title={t('account.title')} />
        <p>
          {t('account.signInFirst')} <Link to="/signin?next=/account">{t('app.account.signIn')}</Link>
        </p>
      </>
    );
  }
  if (me.data === undefined) return me.error !== null ? <ErrorMessage error={me.error} /> : <Loading />;
  const account = me.data;
  const providers = methods.data?.providers ?? [];
  const nameOf = (id: string): string => providers.find((provider) => provider.id === id)?.name ?? id;
  const linkedNow = params.get('linked');
  const linkError = params.get('signInError');
  const linkedIds = new Set(account.identities.map((identity) => identity.provider));

  const download = async (): Promise<void> => {
    setDownloading(true);
    setDownloadError(null);
    try {
      saveFile(await downloadMyData(), 'pnyx-my-data.json', 'application/json');
    } catch (failure) {
      setDownloadError(failure);
    } finally {
      setDownloading(false);
    }
  };

  return (
    <>
      <PageTitle title={t('account.title')} />
      {linkedNow !== null ? (
        <Notice kind="success">
          <p>{t('account.identities.linked', { name: nameOf(linkedNow) })}</p>
        </Notice>
      ) : null}
      {linkError !== null ? <ErrorMessage error={new ApiError(0, linkError, linkError)} /> : null}

      <section aria-labelledby="details-heading">
        <h2 id="details-heading">{t('account.details.heading')}</h2>
        <dl className="summary-list">
          <div>
            <dt>{t('account.details.name')}</dt>
            <dd>{account.displayName}</dd>
          </div>
          <div>
            <dt>{t('account.details.email')}</dt>
            <dd>{account.email ?? t('account.details.noEmail')}</dd>
          </div>
          <div>
            <dt>{t('account.details.password')}</dt>
            <dd>{account.hasPassword ? t('account.details.hasPassword') : t('account.details.noPassword')}</dd>
          </div>
        </dl>
      </section>

      {providers.length > 0 || account.identities.length > 0 ? (
        <section aria-labelledby="identities-heading">
          <h2 id="identities-heading">{t('account.identities.heading')}</h2>
          <p>{t('account.identities.intro')}</p>
          {unlinked !== null ? (
            <Notice kind="success" live>
              <p>{t('account.identities.unlinked', { name: nameOf(unlinked) })}</p>
            </Notice>
          ) : null}
          {unlink.error !== null ? <ErrorMessage error={unlink.error} /> : null}
          {account.identities.length === 0 ? <p>{t('account.identities.none')}</p> : null}
          {account.identities.map((identity) => (
            <article key={identity.provider} className="card" aria-labelledby={`identity-${identity.provider}`}>
              <h3 id={`identity-${identity.provider}`}>{t('account.identities.kept', { name: identity.providerName })}</h3>
              <dl className="summary-list">
                <div>
                  <dt>{t('account.identities.givenName')}</dt>
                  <dd>{identity.givenName ?? t('account.identities.notGiven')}</dd>
                </div>
                <div>
                  <dt>{t('account.identities.familyName')}</dt>
                  <dd>{identity.familyName ?? t('account.identities.notGiven')}</dd>
                </div>
                <div>
                  <dt>{t('account.identities.birthDate')}</dt>
                  <dd>{identity.birthDate === null ? t('account.identities.notGiven') : format.day(identity.birthDate)}</dd>
                </div>
                <div>
                  <dt>{t('account.identities.email')}</dt>
                  <dd>{identity.email ?? t('account.identities.notGiven')}</dd>
                </div>
                <div>
                  <dt>{t('account.identities.linkedAt')}</dt>
                  <dd>{format.dateTime(identity.linkedAt)}</dd>
                </div>
                <div>
                  <dt>{t('account.identities.lastUsedAt')}</dt>
                  <dd>{format.dateTime(identity.lastUsedAt)}</dd>
                </div>
              </dl>
              <button
                type="button"
                disabled={unlink.isPending}
                onClick={() => unlink.mutate(identity.provider, { onSuccess: () => setUnlinked(identity.provider) })}
              >
                {t('account.identities.unlink', { name: identity.providerName })}
              </button>
            </article>
          ))}
          <ProviderButtons
            providers={providers.filter((provider) => !linkedIds.has(provider.id))}
            returnTo="/account"
            mode="link"
            label={(name) => t('account.identities.link', { name })}
          />
        </section>
      ) : null}

      <section aria-labelledby="data-heading">
        <h2 id="data-heading">{t('account.data.heading')}</h2>
        <p>{t('account.data.intro')}</p>
        <p>
          <Link to="/privacy">{t('account.data.register')}</Link>
        </p>
        {downloadError !== null ? <ErrorMessage error={downloadError} /> : null}
        <button type="button" onClick={() => void download()} disabled={downloading}>
          {downloading ? t('account.data.downloading') : t('account.data.download')}
        </button>
      </section>

      <section aria-labelledby="delete-heading">
        <h2 id="delete-heading">{t('account.delete.heading')}</h2>
        <p>{t('account.delete.intro')}</p>
        <p>{t('account.delete.kept')}</p>
        <form
          className="form"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            setConfirmMissing(!confirmed);
            if (confirmed) deletion.mutate();
          }}
        >
          {deletion.error !== null ? <ErrorMessage error={deletion.error} /> : null}
          <div className={confirmMissing ? 'field-invalid' : undefined}>
            {confirmMissing ? (
              <p id="delete-confirm-error" className="field-error">
                {t('account.delete.confirmRequired')}
              </p>
            ) : null}
            <p className="checkbox">
              <input
                id="delete-confirm"
                type="checkbox"
                checked={confirmed}
                onChange={(event) => setConfirmed(event.target.checked)}
                aria-invalid={confirmMissing}
                aria-describedby={confirmMissing ? 'delete-confirm-error' : undefined}
              />
              <label htmlFor="delete-confirm">{t('account.delete.confirm')}</label>
            </p>
          </div>
          <button type="submit" className="danger" disabled={deletion.isPending}>
            {deletion.isPending ? t('account.delete.pending') : t('account.delete.submit')}
          </button>
        </form>
      </section>
    </>
  );
}
