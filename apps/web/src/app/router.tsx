import { createBrowserRouter } from 'react-router';
import { Layout } from './Layout';
import { NotFoundPage } from './pages/NotFoundPage';
import { RouteError } from './RouteError';
import { messagesReady } from './i18n/i18n';

/** A page's module, once the English words it registered are in too: no French flash in English. */
async function withMessages<T>(module: Promise<T>): Promise<T> {
  const loaded = await module;
  await messagesReady();
  return loaded;
}

/** Each page is its own chunk: a ballot does not download the petitions' code, and so on. */
export const router = createBrowserRouter([
  {
    path: '/',
    Component: Layout,
    ErrorBoundary: RouteError,
    children: [
      { index: true, lazy: async () => ({ Component: (await withMessages(import('./pages/HomePage'))).HomePage }) },
      { path: 'signin', lazy: async () => ({ Component: (await withMessages(import('./pages/SignInPage'))).SignInPage }) },
      { path: 'signup', lazy: async () => ({ Component: (await withMessages(import('./pages/SignUpPage'))).SignUpPage }) },
      { path: 'account', lazy: async () => ({ Component: (await withMessages(import('../account/pages/AccountPage'))).AccountPage }) },
      { path: 'privacy', lazy: async () => ({ Component: (await withMessages(import('../account/pages/PrivacyPage'))).PrivacyPage }) },
      { path: 'votes', lazy: async () => ({ Component: (await withMessages(import('../voting/pages/VotesPage'))).VotesPage }) },
      { path: 'polls/:pollId', lazy: async () => ({ Component: (await withMessages(import('../voting/pages/PollPage'))).PollPage }) },
      { path: 'polls/:pollId/results', lazy: async () => ({ Component: (await withMessages(import('../voting/pages/PollResultsPage'))).PollResultsPage }) },
      { path: 'verify', lazy: async () => ({ Component: (await withMessages(import('../voting/pages/ReceiptCheckPage'))).ReceiptCheckPage }) },
      { path: 'referendums/:referendumId', lazy: async () => ({ Component: (await withMessages(import('../referendum/pages/ReferendumVotePage'))).ReferendumVotePage }) },
      { path: 'referendums/:referendumId/results', lazy: async () => ({ Component: (await withMessages(import('../referendum/pages/ReferendumResultsPage'))).ReferendumResultsPage }) },
      { path: 'petitions', lazy: async () => ({ Component: (await withMessages(import('../agenda/pages/PetitionsPage'))).PetitionsPage }) },
      { path: 'petitions/new', lazy: async () => ({ Component: (await withMessages(import('../agenda/pages/PetitionEditorPage'))).PetitionEditorPage }) },
      { path: 'petitions/:proposalId', lazy: async () => ({ Component: (await withMessages(import('../agenda/pages/PetitionPage'))).PetitionPage }) },
      { path: 'petitions/:proposalId/edit', lazy: async () => ({ Component: (await withMessages(import('../agenda/pages/PetitionEditorPage'))).PetitionEditorPage }) },
      { path: 'budget', lazy: async () => ({ Component: (await withMessages(import('../budget/pages/BudgetEditionsPage'))).BudgetEditionsPage }) },
      { path: 'budget/ideas/:ideaId', lazy: async () => ({ Component: (await withMessages(import('../budget/pages/IdeaPage'))).IdeaPage }) },
      { path: 'budget/projects/:projectId', lazy: async () => ({ Component: (await withMessages(import('../budget/pages/ProjectPage'))).ProjectPage }) },
      { path: 'budget/:editionId', lazy: async () => ({ Component: (await withMessages(import('../budget/pages/EditionPage'))).EditionPage }) },
      { path: 'budget/:editionId/ideas', lazy: async () => ({ Component: (await withMessages(import('../budget/pages/IdeasPage'))).IdeasPage }) },
      { path: 'budget/:editionId/ideas/new', lazy: async () => ({ Component: (await withMessages(import('../budget/pages/IdeaEditorPage'))).IdeaEditorPage }) },
      { path: 'budget/:editionId/projects', lazy: async () => ({ Component: (await withMessages(import('../budget/pages/ProjectsPage'))).ProjectsPage }) },
      { path: 'budget/:editionId/vote', lazy: async () => ({ Component: (await withMessages(import('../budget/pages/BudgetVotePage'))).BudgetVotePage }) },
      { path: 'budget/:editionId/results', lazy: async () => ({ Component: (await withMessages(import('../budget/pages/BudgetResultsPage'))).BudgetResultsPage }) },
      { path: 'budget/:editionId/follow-up', lazy: async () => ({ Component: (await withMessages(import('../budget/pages/FollowUpPage'))).FollowUpPage }) },
      { path: 'assemblies', lazy: async () => ({ Component: (await withMessages(import('../deliberation/pages/AssembliesPage'))).AssembliesPage }) },
      { path: 'assemblies/:assemblyId', lazy: async () => ({ Component: (await withMessages(import('../deliberation/pages/AssemblyPage'))).AssemblyPage }) },
      { path: 'assemblies/:assemblyId/decisions', lazy: async () => ({ Component: (await withMessages(import('../deliberation/pages/DecisionsPage'))).DecisionsPage }) },
      { path: 'decisions/:decisionId', lazy: async () => ({ Component: (await withMessages(import('../deliberation/pages/DecisionPage'))).DecisionPage }) },
      { path: 'assemblies/:assemblyId/attendance', lazy: async () => ({ Component: (await withMessages(import('../deliberation/pages/MyAttendancePage'))).MyAttendancePage }) },
      { path: 'sessions/:sessionId', lazy: async () => ({ Component: (await withMessages(import('../deliberation/pages/SessionRoomPage'))).SessionRoomPage }) },
      { path: 'sessions/:sessionId/projector', lazy: async () => ({ Component: (await withMessages(import('../deliberation/pages/ProjectorPage'))).ProjectorPage }) },
      { path: 'sessions/:sessionId/minutes', lazy: async () => ({ Component: (await withMessages(import('../deliberation/pages/MinutesPage'))).MinutesPage }) },
      { path: 'respond', lazy: async () => ({ Component: (await withMessages(import('../recruitment/pages/RespondPage'))).RespondPage }) },
      { path: 'invitation', lazy: async () => ({ Component: (await withMessages(import('../console/pages/RedeemInvitationPage'))).RedeemInvitationPage }) },
      // The organisers' console: its own chunks, never downloaded by residents' pages.
      { path: 'console', lazy: async () => ({ Component: (await withMessages(import('../console/pages/ConsoleHomePage'))).ConsoleHomePage }) },
      { path: 'console/assemblies', lazy: async () => ({ Component: (await withMessages(import('../console/pages/ConsoleAssembliesPage'))).ConsoleAssembliesPage }) },
      { path: 'console/assemblies/:assemblyId', lazy: async () => ({ Component: (await withMessages(import('../console/pages/ConsoleAssemblyPage'))).ConsoleAssemblyPage }) },
      { path: 'console/assemblies/:assemblyId/sortition', lazy: async () => ({ Component: (await withMessages(import('../console/pages/SortitionPage'))).SortitionPage }) },
      { path: 'console/assemblies/:assemblyId/recruitment', lazy: async () => ({ Component: (await withMessages(import('../console/pages/RecruitmentPage'))).RecruitmentPage }) },
      { path: 'console/assemblies/:assemblyId/decisions', lazy: async () => ({ Component: (await withMessages(import('../console/pages/ConsoleDecisionsPage'))).ConsoleDecisionsPage }) },
      { path: 'console/decisions/:decisionId', lazy: async () => ({ Component: (await withMessages(import('../console/pages/ConsoleDecisionPage'))).ConsoleDecisionPage }) },
      { path: 'console/assemblies/:assemblyId/indemnities', lazy: async () => ({ Component: (await withMessages(import('../console/pages/IndemnitiesPage'))).IndemnitiesPage }) },
      { path: 'console/sessions/:sessionId/attendance', lazy: async () => ({ Component: (await withMessages(import('../console/pages/AttendancePage'))).AttendancePage }) },
      { path: 'console/draws/:drawId', lazy: async () => ({ Component: (await withMessages(import('../console/pages/DrawPage'))).DrawPage }) },
      { path: 'console/draws/:drawId/ceremony', lazy: async () => ({ Component: (await withMessages(import('../console/pages/CeremonyPage'))).CeremonyPage }) },
      { path: 'console/polls', lazy: async () => ({ Component: (await withMessages(import('../console/pages/ConsolePollsPage'))).ConsolePollsPage }) },
      { path: 'console/polls/new', lazy: async () => ({ Component: (await withMessages(import('../console/pages/ConsolePollsPage'))).NewPollPage }) },
      { path: 'console/polls/:pollId', lazy: async () => ({ Component: (await withMessages(import('../console/pages/ConsolePollPage'))).ConsolePollPage }) },
      { path: 'console/referendums', lazy: async () => ({ Component: (await withMessages(import('../console/pages/ConsoleReferendumsPage'))).ConsoleReferendumsPage }) },
      { path: 'console/referendums/new', lazy: async () => ({ Component: (await withMessages(import('../console/pages/ConsoleReferendumsPage'))).NewReferendumPage }) },
      { path: 'console/referendums/:referendumId', lazy: async () => ({ Component: (await withMessages(import('../console/pages/ConsoleReferendumPage'))).ConsoleReferendumPage }) },
      { path: 'console/budget', lazy: async () => ({ Component: (await withMessages(import('../console/pages/ConsoleBudgetPage'))).ConsoleBudgetPage }) },
      { path: 'console/budget/:editionId', lazy: async () => ({ Component: (await withMessages(import('../console/pages/ConsoleEditionPage'))).ConsoleEditionPage }) },
      { path: 'officer', lazy: async () => ({ Component: (await withMessages(import('../console/pages/OfficerPage'))).OfficerHomePage }) },
      { path: 'officer/referendums/:referendumId', lazy: async () => ({ Component: (await withMessages(import('../console/pages/OfficerPage'))).OfficerPage }) },
      { path: 'console/assemblies/:assemblyId/review', lazy: async () => ({ Component: (await withMessages(import('../console/pages/ReviewPage'))).ReviewPage }) },
      { path: 'console/audit', lazy: async () => ({ Component: (await withMessages(import('../console/pages/AuditPage'))).AuditPage }) },
      { path: '*', Component: NotFoundPage },
    ],
  },
]);
