import { normaliseVotingCode, votingCodeProblem, VOTING_CODE_DATA_LENGTH, type VotingCodeProblem } from '@pure/voting-code-check';

export { votingCodeProblem, type VotingCodeProblem };

/** The code as printed on the letter, in groups of four: what the person types is regrouped as they go. */
export function groupVotingCode(input: string): string {
  const characters = normaliseVotingCode(input).slice(0, VOTING_CODE_DATA_LENGTH + 1);
  return (characters.match(/.{1,4}/g) ?? []).join('-');
}

/** Characters typed so far, without separators (to say "23 of 25"). */
export function votingCodeLength(input: string): number {
  return normaliseVotingCode(input).length;
}
