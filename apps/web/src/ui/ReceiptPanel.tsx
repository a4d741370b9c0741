import { useState } from 'react';
import { useTranslation } from '../app/i18n/i18n';

/**
 * The receipt, shown once after a vote: what it proves, why to keep it, and two ways to keep it
 * (copy, or download as a text file). Nothing stores it for the person: only its hash is kept.
 */
export function ReceiptPanel({ receipt, voteTitle, checkUrl, fileName }: { receipt: string; voteTitle: string; checkUrl: string; fileName: string }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);

  const copy = async (): Promise<void> => {
    try {
      await navigator.clipboard.writeText(receipt);
      setCopied('yes');
    } catch {
      setCopied('failed');
    }
  };

  const download = (): void => {
    const text = [
      t('receipt.file.title', { vote: voteTitle }),
      '',
      `${t('receipt.file.receipt')} ${receipt}`,
      '',
      t('receipt.proves'),
      t('receipt.keep'),
      '',
      `${t('receipt.file.check')} ${new URL(checkUrl, window.location.origin).href}`,
      '',
    ].join('\n');
    const url = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = fileName;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };

  return (
    <section className="receipt" aria-labelledby="receipt-heading">
      <h2 id="receipt-heading" tabIndex={-1}>
        {t('receipt.heading')}
      </h2>
      <p className="receipt-code" id="receipt-code">
        {receipt}
      </p>
      <p>{t('receipt.proves')}</p>
      <p>
        <strong>{t('receipt.keep')}</strong>
      </p>
      <div className="actions">
        <button type="button" onClick={() => void copy()} aria-describedby="receipt-code">
          {t('receipt.copy')}
        </button>
        <button type="button" onClick={download}>
          {t('receipt.download')}
        </button>
      </div>
      <p role="status" className="receipt-status">
        {copied === 'yes' ? t('receipt.copied') : copied === 'failed' ? t('receipt.copyFailed') : ''}
      </p>
    </section>
  );
}
