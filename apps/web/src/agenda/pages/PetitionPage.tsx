import { useState } from 'react';
import { useTranslation } from '../../app/i18n/i18n';
import { Link, useLocation, useParams } from 'react-router';
import { useSession } from '../../app/auth/useSession';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { Loading } from '../../ui/Loading';
import { Notice } from '../../ui/Notice';
import { PageFallback } from '../../ui/PageFallback';
import { PageTitle } from '../../ui/PageTitle';
import { TimeText } from '../../ui/TimeText';
import { SupportMeter } from '../components/SupportMeter';
import { useAmendments, useAuthorTransition, useProposal, useSupport, useVersions } from '../hooks/petitions';
import '../i18n/messages';

/** States from which the author may withdraw (libs/agenda proposal-lifecycle: until scheduled). */
const WITHDRAWABLE = new Set<string>(['submitted', 'collecting', 'threshold-reached', 'under-review', 'admissible']);

/** A petition: its text (rendered safely by the API), its supports live, support or withdraw; versions and amendments; the author's draft actions. */
export function PetitionPage() {
  const { proposalId = '' } = useParams();
  const { t } = useTranslation();
  const location = useLocation();
  const session = useSession();
  const proposal = useProposal(proposalId);
  const support = useSupport(proposalId);
  const transition = useAuthorTransition(proposalId);
  const published = proposal.data !== undefined && proposal.data.state !== 'draft';
  const versions = useVersions(proposalId, published);
  const amendments = useAmendments(proposalId, published);
  const [confirmingWithdrawal, setConfirmingWithdrawal] = useState(false);

  if (proposal.data === undefined) return <PageFallback title={proposal.error ? t('agenda.petition.unavailable') : t('agenda.petition.loading')} error={proposal.error} />;
  const petition = proposal.data;
  const isAuthor = petition.yourRoles?.includes('author') === true;
  const collecting = petition.state === 'collecting';

  return (
    <>
      <PageTitle title={petition.hidden ? t('agenda.hiddenTitle') : petition.title} />
      <p className="meta">
        <span className="badge">{t(`agenda.states.${petition.state}`)}</span>{' '}
        {petition.submittedAt !== undefined ? (
          <>
            {t('agenda.petition.submittedOn')} <TimeText iso={petition.submittedAt} dateOnly />
          </>
        ) : null}
        {petition.category !== '' ? ` · ${petition.category}` : null}
      </p>
      {petition.hidden ? (
        <Notice kind="warning">
          <p>{t('agenda.petition.hidden', { reason: petition.hidden.reason })}</p>
        </Notice>
      ) : null}
      {petition.stateReason !== undefined ? (
        <Notice>
          <p>{t('agenda.petition.reason', { reason: petition.stateReason })}</p>
        </Notice>
      ) : null}

      {petition.state === 'draft' && isAuthor ? (
        <Notice>
          <p>{t('agenda.petition.draftNotice')}</p>
          <p className="actions">
            <Link className="button" to={`/petitions/${petition.id}/edit`}>
              {t('agenda.petition.edit')}
            </Link>
            <button type="button" className="primary" onClick={() => transition.mutate('submit')} disabled={transition.isPending}>
              {t('agenda.petition.submit')}
            </button>
          </p>
          {transition.error ? <ErrorMessage error={transition.error} /> : null}
        </Notice>
      ) : null}

      <section aria-labelledby="supports-heading" className="section">
        <h2 id="supports-heading">{t('agenda.petition.supportsHeading')}</h2>
        <div aria-live="polite">
          <SupportMeter petition={petition} />
        </div>
        {collecting ? (
          session.status === 'signed-in' ? (
            <>
              <p className="actions">
                {petition.supported === true ? (
                  <button type="button" onClick={() => support.mutate(false)} disabled={support.isPending}>
                    {t('agenda.petition.withdraw')}
                  </button>
                ) : (
                  <button type="button" className="primary" onClick={() => support.mutate(true)} disabled={support.isPending}>
                    {t('agenda.petition.support')}
                  </button>
                )}
              </p>
              <p role="status" className="meta">
                {support.isSuccess ? (support.variables ? t('agenda.petition.supported') : t('agenda.petition.withdrawn')) : ''}
              </p>
              {support.error ? <ErrorMessage error={support.error} /> : null}
            </>
          ) : session.status === 'signed-out' ? (
            <p>
              <Link to={`/signin?next=${encodeURIComponent(location.pathname)}`}>{t('agenda.petition.signInToSupport')}</Link>
            </p>
          ) : null
        ) : null}
        {isAuthor && WITHDRAWABLE.has(petition.state) ? (
          confirmingWithdrawal ? (
            <div className="notice notice-warning">
              <p>{t('agenda.petition.withdrawConfirm')}</p>
              <p className="actions">
                <button type="button" onClick={() => setConfirmingWithdrawal(false)}>
                  {t('common.cancel')}
                </button>
                <button type="button" className="danger" onClick={() => transition.mutate('withdraw', { onSettled: () => setConfirmingWithdrawal(false) })} disabled={transition.isPending}>
                  {t('agenda.petition.withdrawPetition')}
                </button>
              </p>
            </div>
          ) : (
            <p>
              <button type="button" className="link-button" onClick={() => setConfirmingWithdrawal(true)}>
                {t('agenda.petition.withdrawPetition')}
              </button>
            </p>
          )
        ) : null}
      </section>

      {petition.bodyHtml !== undefined ? (
        <section aria-labelledby="text-heading" className="section">
          <h2 id="text-heading">{t('agenda.petition.text')}</h2>
          {/* Safe HTML from the API: every tag of the author's Markdown is escaped; only http(s) and mailto links are made. */}
          <div className="prose" dangerouslySetInnerHTML={{ __html: petition.bodyHtml }} />
          {petition.links.length > 0 ? (
            <ul>
              {petition.links.map((link) => (
                <li key={link}>
                  <a href={link} rel="noopener noreferrer nofollow">
                    {link}
                  </a>
                </li>
              ))}
            </ul>
          ) : null}
        </section>
      ) : null}

      {published ? (
        <section aria-labelledby="history-heading" className="section">
          <h2 id="history-heading">{t('agenda.petition.history')}</h2>
          {versions.data === undefined ? (
            <Loading />
          ) : (
            <ol className="versions">
              {versions.data.map((version) => (
                <li key={version.version}>
                  {t('agenda.petition.version', { version: version.version })} — <TimeText iso={version.createdAt} />
                  {version.amendmentId !== null ? ` (${t('agenda.petition.byAmendment')})` : ''}
                </li>
              ))}
            </ol>
          )}
          <h3>{t('agenda.petition.amendments')}</h3>
          {amendments.data === undefined ? (
            <Loading />
          ) : amendments.data.length === 0 ? (
            <p className="empty">{t('agenda.petition.noAmendments')}</p>
          ) : (
            <ul className="card-list">
              {amendments.data.map((amendment) => (
                <li key={amendment.id} className="card">
                  <p className="card-kind">{t(`agenda.amendmentStates.${amendment.state}`)}</p>
                  <h4 className="card-title">{amendment.title}</h4>
                  {amendment.rationale !== '' ? <p>{amendment.rationale}</p> : null}
                  <details>
                    <summary>{t('agenda.petition.amendmentText')}</summary>
                    <div className="prose" dangerouslySetInnerHTML={{ __html: amendment.bodyHtml }} />
                  </details>
                </li>
              ))}
            </ul>
          )}
        </section>
      ) : null}
      <p>
        <Link to="/petitions">{t('agenda.petition.back')}</Link>
      </p>
    </>
  );
}
