import { useTranslation } from '../../app/i18n/i18n';
import { TextField } from '../../ui/TextField';
import { groupVotingCode, votingCodeLength } from '../utils/voting-code';
import '../i18n/messages';

/**
 * The code from the letter: one input that regroups what is typed in fours as on the letter
 * (while typing at the end; on leaving the field otherwise, so a correction in the middle does
 * not move the caret), with the count of characters typed.
 */
export function VotingCodeField({ value, onChange, error }: { value: string; onChange: (value: string) => void; error: string | null }) {
  const { t } = useTranslation();
  return (
    <TextField
      label={t('referendum.identify.code')}
      hint={t('referendum.identify.codeHint', { typed: votingCodeLength(value) })}
      value={value}
      error={error}
      className="mono code-field"
      autoComplete="off"
      autoCapitalize="characters"
      spellCheck={false}
      inputMode="text"
      maxLength={40}
      onChange={(event) => {
        const input = event.target;
        const atEnd = input.selectionStart === input.value.length;
        onChange(atEnd ? groupVotingCode(input.value) : input.value);
      }}
      onBlur={() => onChange(groupVotingCode(value))}
    />
  );
}
