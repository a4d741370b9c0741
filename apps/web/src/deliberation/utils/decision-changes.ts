import type { Schemas } from '../../app/api/client';
import type { Translate } from '../../app/i18n/translate';

/** A change of a decision, as a sentence of its timeline. Pure. */
export function changeSentence(change: Schemas['DecisionChangeDto'], t: Translate): string {
  const text = (key: string): string => (typeof change.data[key] === 'string' ? change.data[key] : '');
  switch (change.kind) {
    case 'adopted':
      return t('decisions.changeKinds.adopted');
    case 'transmitted':
      return t('decisions.changeKinds.transmitted', { reference: text('reference') });
    case 'answered':
      return t(`decisions.changeKinds.answered.${text('answer') === 'amended' ? 'amended' : text('answer') === 'rejected' ? 'rejected' : 'adopted'}`);
    case 'milestone-added':
      return t('decisions.changeKinds.milestoneAdded', { title: text('title') });
    case 'milestone-updated':
      return t('decisions.changeKinds.milestoneUpdated', { title: text('title'), status: t(`decisions.milestoneStatuses.${milestoneStatus(text('status'))}`) });
  }
}

const STATUSES = ['planned', 'in-progress', 'done', 'cancelled'] as const;

function milestoneStatus(status: string): (typeof STATUSES)[number] {
  return STATUSES.find((known) => known === status) ?? 'planned';
}
