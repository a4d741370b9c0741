import { useState } from 'react';
import type { Schemas } from '../../app/api/client';
import { useTranslation } from '../../app/i18n/i18n';
import { useFormat } from '../../app/i18n/useFormat';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { Loading } from '../../ui/Loading';
import { Notice } from '../../ui/Notice';
import { ProgressMeter } from '../../ui/ProgressMeter';
import { TextArea } from '../../ui/TextArea';
import { TextField } from '../../ui/TextField';
import { TimeText } from '../../ui/TimeText';
import { saveFile } from '../../ui/utils/download';
import { fetchInvitationRecord, fetchInvitationResult, useLetters, useSeedInvitationDraw } from '../hooks/recruitment';
import '../i18n/messages';
import { invitedFrom } from '../../deliberation/utils/invitation-draws';

type Draw = Schemas['InvitationDrawDto'];

/** One invitation draw: what was published before the seed, the seed form, then the allocation, the letters and the record. */
export function InvitationDrawCard({ assemblyId, draw }: { assemblyId: string; draw: Draw }) {
  const { t } = useTranslation();
  const headingId = `invitation-draw-${draw.id}`;
  return (
    <article className="card" aria-labelledby={headingId}>
      <h3 id={headingId}>
        {draw.status === 'published' ? t('console.recruitment.drawPublished') : t('console.recruitment.drawDrawn')} — <TimeText iso={draw.drawnAt ?? draw.publishedAt} />
      </h3>
      <Published draw={draw} />
      {draw.status === 'published' ? <SeedForm assemblyId={assemblyId} draw={draw} /> : <Drawn assemblyId={assemblyId} draw={draw} />}
    </article>
  );
}

function Published({ draw }: { draw: Draw }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <>
      <dl className="facts">
        <dt>{t('console.recruitment.count')}</dt>
        <dd>{format.number(draw.count)}</dd>
        <dt>{t('console.recruitment.strata')}</dt>
        <dd>{draw.strata.map((stratum) => t(`console.recruitment.stratum.${stratum}`)).join(' × ')}</dd>
        <dt>{t('console.recruitment.countedOn')}</dt>
        <dd>{format.day(draw.countedOn)}</dd>
        <dt>{t('console.recruitment.parametersDigest')}</dt>
        <dd>
          <code className="digest">{draw.parametersDigest}</code>
        </dd>
      </dl>
      <div className="table-scroll" role="region" aria-label={t('console.recruitment.drawLists')} tabIndex={0}>
        <table>
          <caption>{t('console.recruitment.drawLists')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('console.recruitment.source')}</th>
              <th scope="col" className="number">
                {t('console.recruitment.weight')}
              </th>
              <th scope="col">{t('console.recruitment.file')}</th>
              <th scope="col">{t('console.recruitment.sha256')}</th>
            </tr>
          </thead>
          <tbody>
            {draw.lists.map((list) => (
              <tr key={list.id}>
                <th scope="row">{list.source}</th>
                <td className="number">{list.weight}</td>
                <td>{list.fileName}</td>
                <td>
                  <code className="digest">{list.sha256}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

function SeedForm({ assemblyId, draw }: { assemblyId: string; draw: Draw }) {
  const { t } = useTranslation();
  const seed = useSeedInvitationDraw(assemblyId, draw.id);
  const [value, setValue] = useState('');
  const [seedBy, setSeedBy] = useState('');
  const [present, setPresent] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <form
      className="form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (value.trim() === '') return setProblem(t('console.ceremony.seedRequired'));
        setProblem(null);
        const people = present
          .split('\n')
          .map((line) => line.trim())
          .filter((line) => line !== '');
        seed.mutate({ seed: value.trim(), ...(seedBy.trim() === '' ? {} : { seedGivenBy: seedBy.trim() }), ...(people.length === 0 ? {} : { present: people }) });
      }}
    >
      <h4>{t('console.recruitment.seedTitle')}</h4>
      <p className="hint">{t('console.recruitment.seedHint')}</p>
      <TextField label={t('console.ceremony.seed')} hint={t('console.ceremony.seedHint')} value={value} error={problem} autoComplete="off" spellCheck={false} onChange={(event) => setValue(event.target.value)} />
      <TextField label={t('console.ceremony.seedBy')} hint={t('console.ceremony.seedByHint')} value={seedBy} maxLength={200} onChange={(event) => setSeedBy(event.target.value)} />
      <TextArea label={t('console.ceremony.present')} hint={t('console.ceremony.presentHint')} rows={3} value={present} onChange={(event) => setPresent(event.target.value)} />
      {seed.error ? <ErrorMessage error={seed.error} /> : null}
      {seed.isPending ? <Loading label={t('console.recruitment.drawing')} /> : null}
      <div className="actions">
        <button type="submit" className="primary" disabled={seed.isPending}>
          {t('console.recruitment.draw')}
        </button>
      </div>
    </form>
  );
}

function Drawn({ assemblyId, draw }: { assemblyId: string; draw: Draw }) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const letters = useLetters(assemblyId, draw.id);
  const [error, setError] = useState<unknown>(null);
  const lang = i18n.language === 'en' ? 'en' : 'fr';
  return (
    <>
      <dl className="facts">
        <dt>{t('console.ceremony.seed')}</dt>
        <dd>
          <code>{draw.seed}</code>
          {draw.seedGivenBy === undefined ? null : ` — ${draw.seedGivenBy}`}
        </dd>
        <dt>{t('console.recruitment.invited')}</dt>
        <dd>{format.number(draw.invited ?? 0)}</dd>
        {(draw.shortfall ?? 0) > 0 ? (
          <>
            <dt>{t('console.recruitment.shortfall')}</dt>
            <dd>{t('console.recruitment.shortfallText', { count: draw.shortfall ?? 0 })}</dd>
          </>
        ) : null}
        {(draw.excluded ?? 0) > 0 ? (
          <>
            <dt>{t('console.recruitment.excluded')}</dt>
            <dd>{format.number(draw.excluded ?? 0)}</dd>
          </>
        ) : null}
      </dl>
      <h4>{t('console.recruitment.bySource')}</h4>
      {draw.lists.map((list) => (
        <ProgressMeter key={list.id} value={invitedFrom(draw, list.source)} max={draw.invited ?? 0}>
          {t('console.recruitment.sourceShare', {
            source: list.source,
            invited: format.number(invitedFrom(draw, list.source)),
            share: format.percent(draw.invited ? invitedFrom(draw, list.source) / draw.invited : 0),
            weight: list.weight,
          })}
        </ProgressMeter>
      ))}
      <h4>{t('console.recruitment.letters')}</h4>
      <p>{draw.lettersIssuedAt === undefined ? t('console.recruitment.lettersHint') : t('console.recruitment.lettersDone')}</p>
      {letters.isSuccess ? (
        <Notice kind="success" live>
          <p>{t('console.recruitment.lettersSaved')}</p>
        </Notice>
      ) : null}
      {letters.error ? <ErrorMessage error={letters.error} /> : null}
      <p className="actions">
        <button
          type="button"
          className={draw.lettersIssuedAt === undefined ? 'primary' : undefined}
          disabled={letters.isPending}
          onClick={() => letters.mutate(undefined, { onSuccess: (csv) => saveFile(csv, `letters-${draw.id}.csv`, 'text/csv;charset=utf-8') })}
        >
          {draw.lettersIssuedAt === undefined ? t('console.recruitment.lettersButton') : t('console.recruitment.lettersAgain')}
        </button>
        <button type="button" onClick={() => fetchInvitationRecord(draw.id, lang).then((pdf) => saveFile(pdf, `${lang === 'fr' ? 'proces-verbal' : 'record'}-invitations-${draw.id}.pdf`, 'application/pdf'), setError)}>
          {t('console.bundle.record')}
        </button>
        <button type="button" onClick={() => fetchInvitationResult(draw.id).then((text) => saveFile(text, `invitations-${draw.id}.json`, 'application/json;charset=utf-8'), setError)}>
          {t('console.recruitment.result')}
        </button>
      </p>
      <p>{t('console.recruitment.verify')}</p>
      <pre className="command">
        <code>
          pnyx sortition verify-invitations --published invitations-{draw.id}.json --lists {draw.lists.map((list) => list.fileName).join(',')}
        </code>
      </pre>
      {error !== null ? <ErrorMessage error={error} /> : null}
    </>
  );
}
