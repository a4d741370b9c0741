import { useTranslation } from '../../app/i18n/i18n';
import { Link, useParams } from 'react-router';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { Loading } from '../../ui/Loading';
import { Notice } from '../../ui/Notice';
import { PageFallback } from '../../ui/PageFallback';
import { PageTitle } from '../../ui/PageTitle';
import { RankingChart } from '../../ui/RankingChart';
import { TimeText } from '../../ui/TimeText';
import { ChoiceResult } from '../components/ChoiceResult';
import { DistrictResults } from '../components/DistrictResults';
import { ReferendumTurnout } from '../components/ReferendumTurnout';
import { useBallotBoxes, useReferendum, useReferendumResults, useReferendumTurnout } from '../hooks/referendums';
import '../i18n/messages';

/** A referendum's turnout (live while open), then its results: totals, by district where published, and the ballot boxes to recount. */
export function ReferendumResultsPage() {
  const { referendumId = '' } = useParams();
  const { t } = useTranslation();
  const referendum = useReferendum(referendumId);
  const turnout = useReferendumTurnout(referendumId);
  const counted = referendum.data?.status === 'closed' || referendum.data?.status === 'published';
  const results = useReferendumResults(referendumId, counted);
  const boxes = useBallotBoxes(referendumId, referendum.data?.status === 'published');

  if (referendum.data === undefined) return <PageFallback title={referendum.error ? t('referendum.unavailable') : t('referendum.loading')} error={referendum.error} />;
  const data = referendum.data;
  const questionText = new Map(data.questions.map((question) => [question.id, question.text]));

  return (
    <>
      <PageTitle title={t('referendum.results.title', { title: data.title })} />
      <p className="meta">
        {t('referendum.window')} <TimeText iso={data.opensAt} /> — <TimeText iso={data.closesAt} />
      </p>
      <section aria-labelledby="turnout-heading" className="section">
        <h2 id="turnout-heading">{t('referendum.turnout.heading')}</h2>
        {turnout.error ? <ErrorMessage error={turnout.error} /> : turnout.data === undefined ? <Loading /> : <ReferendumTurnout turnout={turnout.data} />}
      </section>
      {!counted ? (
        <Notice>
          <p>{t('referendum.results.notYet')}</p>
          {data.status === 'open' ? (
            <p>
              <Link to={`/referendums/${data.id}`}>{t('referendum.results.goVote')}</Link>
            </p>
          ) : null}
        </Notice>
      ) : results.error ? (
        <ErrorMessage error={results.error} />
      ) : results.data === undefined ? (
        <Loading />
      ) : (
        <>
          {results.data.stationsPending.length > 0 ? (
            <Notice kind="warning">
              <p>{t('referendum.results.stationsPending', { stations: results.data.stationsPending.join(', ') })}</p>
            </Notice>
          ) : null}
          {results.data.questions.map((question, index) => (
            <section key={question.id} aria-labelledby={`result-${question.id}`} className="section">
              <h2 id={`result-${question.id}`}>{t('referendum.answers.questionNumber', { number: index + 1, text: question.text })}</h2>
              {question.kind === 'majority-judgment' && question.total.ranking !== undefined ? (
                <RankingChart ranking={question.total.ranking} labelOf={(option) => option} caption={question.text} />
              ) : (
                <ChoiceResult outcome={question.total} />
              )}
              <h3>{t('referendum.results.byDistrict')}</h3>
              <DistrictResults question={question} threshold={data.districtThreshold} />
            </section>
          ))}
          <section aria-labelledby="boxes-heading" className="section">
            <h2 id="boxes-heading">{t('referendum.results.recountHeading')}</h2>
            {data.status !== 'published' ? (
              <p>{t('referendum.results.boxesAfterPublication')}</p>
            ) : boxes.data === undefined ? (
              <Loading />
            ) : (
              <>
                <p>{t('referendum.results.recountIntro')}</p>
                <ul className="downloads">
                  {boxes.data.map((box) => (
                    <li key={box.pollId}>
                      <a href={`/api/polls/${box.pollId}/bulletin-board`} download={`bulletin-board-${box.pollId}.json`}>
                        {t('referendum.results.box', { question: questionText.get(box.questionId) ?? box.questionId, district: box.district })}
                      </a>
                    </li>
                  ))}
                </ul>
                <pre className="command">
                  <code>pnyx mj recount --bulletin-board bulletin-board-POLL.json</code>
                </pre>
              </>
            )}
            <p>
              <Link to={`/verify?referendum=${data.id}`}>{t('voting.board.checkReceipt')}</Link>
            </p>
          </section>
        </>
      )}
    </>
  );
}
