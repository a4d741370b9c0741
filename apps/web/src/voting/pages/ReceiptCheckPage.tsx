import { useState } from 'react';
import { useTranslation } from '../../app/i18n/i18n';
import { useSearchParams } from 'react-router';
import { useBallotBoxes, useReferendums } from '../../referendum/hooks/referendums';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { Notice } from '../../ui/Notice';
import { PageTitle } from '../../ui/PageTitle';
import { TextField } from '../../ui/TextField';
import { useResidentPolls, useVerifyReceipt } from '../hooks/polls';

/**
 * Paste a receipt, learn whether that ballot is among those counted. A referendum drops one ballot
 * per question into the voter's district box, all under the same receipt: each box is checked.
 */
export function ReceiptCheckPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const selected = params.get('poll') ?? (params.get('referendum') === null ? '' : `referendum:${params.get('referendum')}`);
  const [district, setDistrict] = useState('');
  const [receipt, setReceipt] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<{ included: boolean; checked: number } | null>(null);
  const verify = useVerifyReceipt();

  const polls = [useResidentPolls('open'), useResidentPolls('closed'), useResidentPolls('published')].flatMap((query) => query.data ?? []);
  const referendums = [useReferendums('open'), useReferendums('closed'), useReferendums('published')].flatMap((query) => query.data ?? []);
  const referendumId = selected.startsWith('referendum:') ? selected.slice('referendum:'.length) : null;
  const boxes = useBallotBoxes(referendumId ?? '', referendumId !== null);
  const districts = [...new Set((boxes.data ?? []).map((box) => box.district))].sort((a, b) => a.localeCompare(b));
  // The poll from the link may be an assembly poll, not in the residents' lists: keep it selectable.
  const pollChoices = selected !== '' && referendumId === null && !polls.some((poll) => poll.id === selected) ? [{ id: selected, title: selected }, ...polls] : polls;

  const choose = (value: string): void => {
    setOutcome(null);
    setDistrict('');
    setParams(value.startsWith('referendum:') ? { referendum: value.slice('referendum:'.length) } : value === '' ? {} : { poll: value }, { replace: true });
  };

  const check = async (): Promise<void> => {
    setOutcome(null);
    if (selected === '') return setProblem(t('verify.chooseVote'));
    if (referendumId !== null && district === '') return setProblem(t('verify.chooseDistrict'));
    if (receipt.replace(/[\s-]/g, '').length < 10) return setProblem(t('verify.receiptRequired'));
    setProblem(null);
    const pollIds = referendumId === null ? [selected] : (boxes.data ?? []).filter((box) => box.district === district).map((box) => box.pollId);
    try {
      const answers = await Promise.all(pollIds.map((pollId) => verify.mutateAsync({ pollId, receipt: receipt.trim() })));
      setOutcome({ included: answers.every((answer) => answer.included), checked: answers.length });
    } catch {
      // shown from verify.error
    }
  };

  return (
    <>
      <PageTitle title={t('verify.title')} />
      <p className="lead">{t('verify.intro')}</p>
      <form
        className="form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void check();
        }}
      >
        <div className="field">
          <label htmlFor="verify-vote">{t('verify.vote')}</label>
          <select id="verify-vote" value={selected} onChange={(event) => choose(event.target.value)}>
            <option value="">{t('verify.chooseOption')}</option>
            {pollChoices.length > 0 ? (
              <optgroup label={t('votes.kindPoll')}>
                {pollChoices.map((poll) => (
                  <option key={poll.id} value={poll.id}>
                    {poll.title}
                  </option>
                ))}
              </optgroup>
            ) : null}
            {referendums.length > 0 ? (
              <optgroup label={t('votes.kindReferendum')}>
                {referendums.map((referendum) => (
                  <option key={referendum.id} value={`referendum:${referendum.id}`}>
                    {referendum.title}
                  </option>
                ))}
              </optgroup>
            ) : null}
          </select>
        </div>
        {referendumId !== null ? (
          <div className="field">
            <label htmlFor="verify-district">{t('verify.district')}</label>
            <p className="hint" id="verify-district-hint">
              {t('verify.districtHint')}
            </p>
            <select id="verify-district" aria-describedby="verify-district-hint" value={district} onChange={(event) => setDistrict(event.target.value)}>
              <option value="">{t('verify.chooseOption')}</option>
              {districts.map((name) => (
                <option key={name} value={name}>
                  {name}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        <TextField
          label={t('verify.receipt')}
          hint={t('verify.receiptHint')}
          value={receipt}
          onChange={(event) => setReceipt(event.target.value)}
          autoComplete="off"
          spellCheck={false}
          className="mono"
          error={problem}
        />
        <button type="submit" className="primary" disabled={verify.isPending}>
          {t('verify.check')}
        </button>
      </form>
      <div aria-live="polite">
        {verify.error ? <ErrorMessage error={verify.error} /> : null}
        {outcome !== null ? (
          outcome.included ? (
            <Notice kind="success">
              <p>
                <strong>{t('verify.included')}</strong>
              </p>
              <p>{outcome.checked > 1 ? t('verify.includedEveryBox', { count: outcome.checked }) : t('verify.includedExplain')}</p>
            </Notice>
          ) : (
            <Notice kind="warning">
              <p>
                <strong>{t('verify.notIncluded')}</strong>
              </p>
              <p>{t('verify.notIncludedNext')}</p>
            </Notice>
          )
        ) : null}
      </div>
    </>
  );
}
