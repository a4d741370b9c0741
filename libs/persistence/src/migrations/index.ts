import type { MigrationInterface } from 'typeorm';
import { Foundation1764300000000 } from './1764300000000-foundation.js';
import { Assemblies1764400000000 } from './1764400000000-assemblies.js';
import { Voting1764500000000 } from './1764500000000-voting.js';
import { Agenda1764600000000 } from './1764600000000-agenda.js';
import { Deliberation1764700000000 } from './1764700000000-deliberation.js';
import { Referendum1764800000000 } from './1764800000000-referendum.js';
import { MembershipNames1764900000000 } from './1764900000000-membership-names.js';
import { ConnectionAway1765000000000 } from './1765000000000-connection-away.js';
import { LegacyComparison1765100000000 } from './1765100000000-legacy-comparison.js';
import { ReportReview1765200000000 } from './1765200000000-report-review.js';
import { Budget1765300000000 } from './1765300000000-budget.js';
import { SessionNotifications1765400000000 } from './1765400000000-session-notifications.js';
import { DrawRecord1765500000000 } from './1765500000000-draw-record.js';
import { Recruitment1765600000000 } from './1765600000000-recruitment.js';
import { Attendance1765700000000 } from './1765700000000-attendance.js';
import { Decisions1765800000000 } from './1765800000000-decisions.js';
import { Breakouts1765900000000 } from './1765900000000-breakouts.js';
import { IdentityAndRetention1766000000000 } from './1766000000000-identity-and-retention.js';

type MigrationClass = new () => MigrationInterface;

/** Every migration, oldest first. Never edit one that has landed: add a new one. */
export const MIGRATIONS: MigrationClass[] = [Foundation1764300000000, Assemblies1764400000000, Voting1764500000000, Agenda1764600000000, Deliberation1764700000000, Referendum1764800000000, MembershipNames1764900000000, ConnectionAway1765000000000, LegacyComparison1765100000000, ReportReview1765200000000, Budget1765300000000, SessionNotifications1765400000000, DrawRecord1765500000000, Recruitment1765600000000, Attendance1765700000000, Decisions1765800000000, Breakouts1765900000000, IdentityAndRetention1766000000000];
