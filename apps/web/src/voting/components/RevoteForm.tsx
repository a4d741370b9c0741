import { useState } from 'react';
import { useTranslation } from '../../app/i18n/i18n';
import { TextField } from '../../ui/TextField';

/** Where the poll allows it: change a ballot, proving it is yours with its receipt. */
export function RevoteForm({ onStart }: { onStart: (receipt: string) => void }) {
  const { t } = useTranslation();
  const [receipt, setReceipt] = useState('');
  const [error, setError] = useState<string | null>(null);
  return (
    <form
      className="revote"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (receipt.replace(/[\s-]/g, '').length < 10) {
          setError(t('voting.revote.receiptRequired'));
          return;
        }
        onStart(receipt.trim());
      }}
    >
      <h2>{t('voting.revote.heading')}</h2>
      <p>{t('voting.revote.intro')}</p>
      <TextField label={t('voting.revote.receipt')} value={receipt} onChange={(event) => setReceipt(event.target.value)} error={error} autoComplete="off" spellCheck={false} className="mono" />
      <button type="submit">{t('voting.revote.start')}</button>
    </form>
  );
}
