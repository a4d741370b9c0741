import { useEffect, useRef } from 'react';
import type { Schemas } from '../../app/api/client';
import { useTranslation } from '../../app/i18n/i18n';
import { TimeText } from '../../ui/TimeText';
import '../i18n/messages';

/**
 * A new invitation: its code, shown this once (only its hash is kept), in a letter to print for the
 * drawn member, with where and how to redeem it. Printing shows the letter alone.
 */
export function InvitationLetter({ assembly, personId, code, onClose }: { assembly: Schemas['AssemblyDto']; personId: string; code: string; onClose: () => void }) {
  const { t } = useTranslation();
  const heading = useRef<HTMLHeadingElement | null>(null);
  const address = `${window.location.origin}/invitation`;
  useEffect(() => heading.current?.focus(), []);
  useEffect(() => {
    const after = (): void => document.body.classList.remove('printing-letter');
    window.addEventListener('afterprint', after);
    return () => window.removeEventListener('afterprint', after);
  }, []);
  return (
    <section className="invitation" aria-labelledby="invitation-heading">
      <h3 id="invitation-heading" tabIndex={-1} ref={heading}>
        {t('console.invitation.heading', { person: personId })}
      </h3>
      <p className="notice notice-warning">{t('console.invitation.once')}</p>
      <p>
        {t('console.invitation.code')} <code className="invitation-code">{code}</code>
      </p>
      <div className="actions">
        <button
          type="button"
          className="primary"
          onClick={() => {
            document.body.classList.add('printing-letter');
            window.print();
          }}
        >
          {t('console.invitation.print')}
        </button>
        <button type="button" onClick={onClose}>
          {t('console.invitation.done')}
        </button>
      </div>
      <article className="invitation-letter" aria-label={t('console.invitation.letterLabel')}>
        <p className="letter-from">{assembly.name}</p>
        <p className="letter-ref">{t('console.invitation.reference', { person: personId })}</p>
        <h4>{t('console.invitation.letterTitle')}</h4>
        <p>{t('console.invitation.salutation')}</p>
        <p>
          {t('console.invitation.drawn', { assembly: assembly.name })} <TimeText iso={assembly.termStart} dateOnly /> — <TimeText iso={assembly.termEnd} dateOnly />.
        </p>
        <p>{t('console.invitation.howTo')}</p>
        <ol>
          <li>
            {t('console.invitation.step1')} <strong>{address}</strong>
          </li>
          <li>{t('console.invitation.step2')}</li>
          <li>
            {t('console.invitation.step3')} <strong className="invitation-code">{code}</strong>
          </li>
        </ol>
        <p>{t('console.invitation.personal')}</p>
      </article>
    </section>
  );
}
