import { AgendaSettingsEntity } from './agenda-settings.entity.js';
import { AmendmentEntity } from './amendment.entity.js';
import { DecisionChangeEntity } from './decision-change.entity.js';
import { DecisionMilestoneEntity } from './decision-milestone.entity.js';
import { DecisionEntity } from './decision.entity.js';
import { ProposalVersionEntity } from './proposal-version.entity.js';
import { ProposalEntity } from './proposal.entity.js';
import { ProposalReportEntity } from './report.entity.js';
import { SessionEntity } from './session.entity.js';
import { SupportEntity } from './support.entity.js';

export * from './agenda-settings.entity.js';
export * from './amendment.entity.js';
export * from './decision-change.entity.js';
export * from './decision-milestone.entity.js';
export * from './decision.entity.js';
export * from './proposal-version.entity.js';
export * from './proposal.entity.js';
export * from './report.entity.js';
export * from './session.entity.js';
export * from './support.entity.js';

export const AGENDA_ENTITIES = [SessionEntity, ProposalEntity, ProposalVersionEntity, SupportEntity, AmendmentEntity, ProposalReportEntity, AgendaSettingsEntity, DecisionEntity, DecisionMilestoneEntity, DecisionChangeEntity];
