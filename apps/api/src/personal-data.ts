import type { PersonalDataSection, RetentionRule } from '@app/shared';
import { ACCOUNT_SECTION, SESSIONS_RETENTION } from '@app/identity';
import { ASSEMBLY_RETENTION, ASSEMBLY_SECTION } from '@app/assembly';
import { AGENDA_SECTION } from '@app/agenda';
import { DELIBERATION_SECTION } from '@app/deliberation';
import { VOTING_SECTION } from '@app/voting';
import { BUDGET_SECTION } from '@app/budget';
import { REFERENDUM_SECTION, ROLL_RETENTION } from '@app/referendum';

/**
 * What each library holds about a person (export, erasure) and its retention rules, composed for
 * the API and the `pnyx data` command alike (docs/personal-data.md is the register). The account's
 * own section comes last: its erasure runs after the others have read what they needed.
 */
export const PERSONAL_DATA_SECTIONS: PersonalDataSection[] = [ASSEMBLY_SECTION, AGENDA_SECTION, DELIBERATION_SECTION, VOTING_SECTION, BUDGET_SECTION, REFERENDUM_SECTION, ACCOUNT_SECTION];

export const RETENTION_RULES: RetentionRule[] = [SESSIONS_RETENTION, ...ASSEMBLY_RETENTION, ROLL_RETENTION];
