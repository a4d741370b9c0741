import type { Schemas } from '../../app/api/client';
import { useTranslation } from '../../app/i18n/i18n';
import { useFormat } from '../../app/i18n/useFormat';
import { TimeText } from '../../ui/TimeText';
import '../i18n/messages';
import { invitedFrom } from '../utils/invitation-draws';

/**
 * How the invitations were drawn, as published: the lists' SHA-256 and the parameters' digest
 * (before the seed), then the seed, the invitations by source and the SHA-256 of the invited list,
 * with the command that lets anyone holding the lists reproduce it.
 */
export function InvitationDrawsPublished({ draws }: { draws: ReadonlyArray<Schemas['InvitationDrawDto']> }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <>
      <p className="hint">{t('assembly.recruitment.lead')}</p>
      {draws.map((draw) => {
        return (
          <article key={draw.id} className="card" aria-labelledby={`published-${draw.id}`}>
            <h3 id={`published-${draw.id}`}>
              {draw.status === 'drawn' ? t('assembly.recruitment.drawn') : t('assembly.recruitment.published')} — <TimeText iso={draw.drawnAt ?? draw.publishedAt} />
            </h3>
            <div className="table-scroll" role="region" aria-label={t('assembly.recruitment.lists')} tabIndex={0}>
              <table>
                <caption>{t('assembly.recruitment.lists')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('assembly.recruitment.source')}</th>
                    <th scope="col" className="number">
                      {t('assembly.recruitment.people')}
                    </th>
                    <th scope="col" className="number">
                      {t('assembly.recruitment.weight')}
                    </th>
                    {draw.status === 'drawn' ? (
                      <th scope="col" className="number">
                        {t('assembly.recruitment.invited')}
                      </th>
                    ) : null}
                    <th scope="col">SHA-256</th>
                  </tr>
                </thead>
                <tbody>
                  {draw.lists.map((list) => (
                    <tr key={list.id}>
                      <th scope="row">{list.source}</th>
                      <td className="number">{format.number(list.rows)}</td>
                      <td className="number">{list.weight}</td>
                      {draw.status === 'drawn' ? <td className="number">{format.number(invitedFrom(draw, list.source))}</td> : null}
                      <td>
                        <code className="digest">{list.sha256}</code>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <dl className="facts">
              <dt>{t('assembly.recruitment.count')}</dt>
              <dd>{format.number(draw.count)}</dd>
              <dt>{t('assembly.recruitment.parametersDigest')}</dt>
              <dd>
                <code className="digest">{draw.parametersDigest}</code>
              </dd>
              {draw.seed !== undefined ? (
                <>
                  <dt>{t('assembly.recruitment.seed')}</dt>
                  <dd>
                    <code>{draw.seed}</code>
                    {draw.seedGivenBy === undefined ? null : ` — ${draw.seedGivenBy}`}
                  </dd>
                  <dt>{t('assembly.recruitment.invitedDigest')}</dt>
                  <dd>
                    <code className="digest">{draw.invitedSha256}</code>
                  </dd>
                </>
              ) : (
                <>
                  <dt>{t('assembly.recruitment.seed')}</dt>
                  <dd>{t('assembly.recruitment.seedToCome')}</dd>
                </>
              )}
            </dl>
            {draw.seed !== undefined ? (
              <>
                <p>{t('assembly.recruitment.reproduce')}</p>
                <pre className="command">
                  <code>
                    pnyx sortition invite --lists {draw.lists.map((list) => list.fileName).join(',')} --sources {draw.lists.map((list) => list.source).join(',')} --count {draw.count} --mix{' '}
                    {draw.lists.map((list) => list.weight).join(',')} --strata {draw.strata.join(',')} --on {draw.countedOn} --seed &quot;{draw.seed}&quot;
                    {(draw.excluded ?? 0) > 0 ? ' --exclude invited-before.txt' : ''} --out invited.csv &amp;&amp; sha256sum invited.csv
                  </code>
                </pre>
                {(draw.excluded ?? 0) > 0 ? <p className="hint">{t('assembly.recruitment.excluded', { digest: draw.excludedDigest })}</p> : null}
              </>
            ) : null}
          </article>
        );
      })}
    </>
  );
}
