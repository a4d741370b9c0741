import { useTranslation } from '../../app/i18n/i18n';
import { Link } from 'react-router';

/**
 * How anyone recounts a closed poll: the bulletin board (every anonymous ballot with its receipt
 * hash) to download, its SHA-256 digest to compare, and the command that recounts it.
 */
export function BulletinBoard({ pollId, digest }: { pollId: string; digest: string | null }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="board-heading" className="section">
      <h2 id="board-heading">{t('voting.board.heading')}</h2>
      <p>{t('voting.board.intro')}</p>
      {digest === null ? (
        <p role="status">{t('voting.board.sealing')}</p>
      ) : (
        <>
          <p>
            {t('voting.board.digest')} <code className="digest">{digest}</code>
          </p>
          <ul className="downloads">
            <li>
              <a href={`/api/polls/${pollId}/bulletin-board`} download={`bulletin-board-${pollId}.json`}>
                {t('voting.board.downloadJson')}
              </a>
            </li>
            <li>
              <a href={`/api/polls/${pollId}/bulletin-board?format=csv`} download={`bulletin-board-${pollId}.csv`}>
                {t('voting.board.downloadCsv')}
              </a>
            </li>
          </ul>
          <p>{t('voting.board.recount')}</p>
          <pre className="command">
            <code>pnyx mj recount --bulletin-board bulletin-board-{pollId}.json</code>
          </pre>
          <p>{t('voting.board.byHand')}</p>
        </>
      )}
      <p>
        <Link to={`/verify?poll=${pollId}`}>{t('voting.board.checkReceipt')}</Link>
      </p>
    </section>
  );
}
