import { useState } from 'react';
import type { Schemas } from '../../app/api/client';
import { useTranslation } from '../../app/i18n/i18n';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { saveFile } from '../../ui/utils/download';
import { fetchBundle, fetchRecord } from '../hooks/sortition';
import '../i18n/messages';

/**
 * The draw's audit bundle to download, and the command anyone runs to re-run it bit for bit; once
 * seeded, the official record (procès-verbal) to print and sign, in the page's language.
 */
export function BundleDownload({ draw }: { draw: Schemas['DrawDto'] }) {
  const { t, i18n } = useTranslation();
  const [error, setError] = useState<unknown>(null);
  const fileName = `draw-${draw.id}.json`;
  return (
    <div className="bundle">
      <p>{draw.status === 'seeded' ? t('console.bundle.seeded') : t('console.bundle.computed')}</p>
      <p>
        <button
          type="button"
          onClick={() => {
            setError(null);
            fetchBundle(draw.id).then((text) => saveFile(text, fileName, 'application/json;charset=utf-8'), setError);
          }}
        >
          {t('console.bundle.download')}
        </button>
      </p>
      {draw.status === 'seeded' ? (
        <>
          <p>{t('console.bundle.recordSaid')}</p>
          <p>
            <button
              type="button"
              onClick={() => {
                setError(null);
                const lang = i18n.language === 'en' ? 'en' : 'fr';
                fetchRecord(draw.id, lang).then((pdf) => saveFile(pdf, `${lang === 'fr' ? 'proces-verbal' : 'record'}-draw-${draw.id}.pdf`, 'application/pdf'), setError);
              }}
            >
              {t('console.bundle.record')}
            </button>
          </p>
        </>
      ) : null}
      <p>{t('console.bundle.verify')}</p>
      <pre className="command">
        <code>pnyx sortition verify --bundle {fileName}</code>
      </pre>
      {error !== null ? <ErrorMessage error={error} /> : null}
    </div>
  );
}
