import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useTranslation } from '../../app/i18n/i18n';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { PageFallback } from '../../ui/PageFallback';
import { PageTitle } from '../../ui/PageTitle';
import { BundleDownload } from '../components/BundleDownload';
import { QuotaTable } from '../components/QuotaTable';
import { RequireRole } from '../components/RequireRole';
import { useDraw, useSeedDraw } from '../hooks/sortition';
import { CONSOLE_ROLES } from '../utils/roles';
import '../i18n/messages';
import '../../deliberation/i18n/messages';

/**
 * The public seed ceremony, for a projector: the lottery digest published beforehand, the seed
 * rolled in public and typed in, then the panel it picks and its check against every quota.
 */
export function CeremonyPage() {
  const { t } = useTranslation();
  return (
    <RequireRole roles={CONSOLE_ROLES.organise} title={t('console.ceremony.title')}>
      <Ceremony />
    </RequireRole>
  );
}

function Ceremony() {
  const { drawId = '' } = useParams();
  const { t } = useTranslation();
  const draw = useDraw(drawId);
  const seed = useSeedDraw(drawId);
  const [value, setValue] = useState('');
  const [seedBy, setSeedBy] = useState('');
  const [present, setPresent] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [presentProblem, setPresentProblem] = useState<string | null>(null);
  if (draw.data === undefined) return <PageFallback title={t('console.ceremony.title')} error={draw.error} />;
  const data = draw.data;
  return (
    <div className="ceremony">
      <PageTitle title={t('console.ceremony.title')} />
      <p className="actions">
        <button type="button" onClick={() => void document.documentElement.requestFullscreen?.().catch(() => undefined)}>
          {t('room.projector.fullScreen')}
        </button>
        <Link to={`/console/draws/${data.id}`}>{t('console.ceremony.back')}</Link>
      </p>
      <section aria-labelledby="ceremony-digest" className="ceremony-block">
        <h2 id="ceremony-digest">{t('console.ceremony.digest')}</h2>
        <p>{t('console.ceremony.digestSaid')}</p>
        <p>
          <code className="digest digest-huge">{data.lotteryDigest ?? '—'}</code>
        </p>
      </section>
      {data.status === 'computed' ? (
        <section aria-labelledby="ceremony-seed" className="ceremony-block">
          <h2 id="ceremony-seed">{t('console.ceremony.seed')}</h2>
          <form
            className="form"
            noValidate
            onSubmit={(event) => {
              event.preventDefault();
              const people = present
                .split('\n')
                .map((line) => line.trim())
                .filter((line) => line !== '');
              setProblem(value.trim() === '' ? t('console.ceremony.seedRequired') : null);
              setPresentProblem(people.length > 30 || people.some((person) => person.length > 200) ? t('console.ceremony.presentTooMany') : null);
              if (value.trim() === '' || people.length > 30 || people.some((person) => person.length > 200)) return;
              seed.mutate({ seed: value.trim(), ...(seedBy.trim() === '' ? {} : { seedGivenBy: seedBy.trim() }), ...(people.length === 0 ? {} : { present: people }) });
            }}
          >
            <div className={`field${problem === null ? '' : ' field-invalid'}`}>
              <label htmlFor="seed-input">{t('console.ceremony.seedLabel')}</label>
              <p className="hint" id="seed-hint">
                {t('console.ceremony.seedHint')}
              </p>
              {problem !== null ? (
                <p className="field-error" id="seed-error">
                  {problem}
                </p>
              ) : null}
              <input id="seed-input" className="seed-input" value={value} autoComplete="off" spellCheck={false} maxLength={256} aria-describedby={problem === null ? 'seed-hint' : 'seed-hint seed-error'} aria-invalid={problem === null ? undefined : true} onChange={(event) => setValue(event.target.value)} />
            </div>
            <div className="field">
              <label htmlFor="seed-by">{t('console.ceremony.seedBy')}</label>
              <p className="hint" id="seed-by-hint">
                {t('console.ceremony.seedByHint')}
              </p>
              <input id="seed-by" value={seedBy} maxLength={200} aria-describedby="seed-by-hint" onChange={(event) => setSeedBy(event.target.value)} />
            </div>
            <div className={`field${presentProblem === null ? '' : ' field-invalid'}`}>
              <label htmlFor="present">{t('console.ceremony.present')}</label>
              <p className="hint" id="present-hint">
                {t('console.ceremony.presentHint')}
              </p>
              {presentProblem !== null ? (
                <p className="field-error" id="present-error">
                  {presentProblem}
                </p>
              ) : null}
              <textarea id="present" rows={4} value={present} aria-describedby={presentProblem === null ? 'present-hint' : 'present-hint present-error'} aria-invalid={presentProblem === null ? undefined : true} onChange={(event) => setPresent(event.target.value)} />
            </div>
            {seed.error ? <ErrorMessage error={seed.error} /> : null}
            <div className="actions">
              <button type="submit" className="primary large" disabled={seed.isPending}>
                {t('console.ceremony.draw')}
              </button>
            </div>
          </form>
        </section>
      ) : null}
      {data.status === 'seeded' ? (
        <section aria-labelledby="ceremony-panel" className="ceremony-block" aria-live="polite">
          <h2 id="ceremony-panel">{t('console.ceremony.panel', { count: data.panel?.length ?? 0 })}</h2>
          <p>
            {t('console.draw.seedWas')} <code>{data.seed}</code>
          </p>
          <ol className="panel-list">
            {(data.panel ?? []).map((person) => (
              <li key={person}>{person}</li>
            ))}
          </ol>
          {data.quotaCheck !== undefined ? <QuotaTable rows={data.quotaCheck} caption={t('console.draw.quotaCheck')} /> : null}
          <BundleDownload draw={data} />
        </section>
      ) : null}
      {data.status !== 'computed' && data.status !== 'seeded' ? <p>{t('console.ceremony.notReady')}</p> : null}
    </div>
  );
}
