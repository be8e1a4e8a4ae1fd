import { lazy, Suspense, type ReactNode } from 'react';
import { Route, Routes } from 'react-router';
import { Loading } from './components/Loading.tsx';
import { reloadOnMissingChunk } from './components/reloadOnMissingChunk.ts';
import { Header } from './components/Header.tsx';
import { NameDialog } from './components/NameDialog.tsx';
import { useDocumentLanguage, useT } from './i18n/useT.ts';
import type { MessageKey } from './i18n/en.ts';
import { NotFoundPage } from './pages/NotFoundPage.tsx';
import { PracticeBanner } from './practice/PracticeBanner.tsx';
import { useSession } from './state/session.ts';
import { WriteRefusedNotice } from './sync/WriteRefusedNotice.tsx';

// Each page is a chunk of its own, loaded with its route, so that a
// participant opening a meeting loads neither the editor (TipTap,
// ProseMirror: most of the code) nor the other pages. apps/web/README.md
// (Bundle budget) says how much the meeting view may load.
const HomePage = lazy(
  reloadOnMissingChunk(() => import('./pages/HomePage.tsx').then((m) => ({ default: m.HomePage }))),
);
const SpacePage = lazy(
  reloadOnMissingChunk(() =>
    import('./pages/SpacePage.tsx').then((m) => ({ default: m.SpacePage })),
  ),
);
const ProposalPage = lazy(
  reloadOnMissingChunk(() =>
    import('./pages/ProposalPage.tsx').then((m) => ({ default: m.ProposalPage })),
  ),
);
const ProposalHistoryPage = lazy(
  reloadOnMissingChunk(() =>
    import('./pages/ProposalHistoryPage.tsx').then((m) => ({ default: m.ProposalHistoryPage })),
  ),
);
const ContributionsPage = lazy(
  reloadOnMissingChunk(() =>
    import('./pages/ContributionsPage.tsx').then((m) => ({ default: m.ContributionsPage })),
  ),
);
const MeetingPage = lazy(
  reloadOnMissingChunk(() =>
    import('./pages/MeetingPage.tsx').then((m) => ({ default: m.MeetingPage })),
  ),
);
const DecisionLogPage = lazy(
  reloadOnMissingChunk(() =>
    import('./pages/DecisionLogPage.tsx').then((m) => ({ default: m.DecisionLogPage })),
  ),
);
const TimeBankPage = lazy(
  reloadOnMissingChunk(() =>
    import('./pages/TimeBankPage.tsx').then((m) => ({ default: m.TimeBankPage })),
  ),
);
const TensionsPage = lazy(
  reloadOnMissingChunk(() =>
    import('./pages/TensionsPage.tsx').then((m) => ({ default: m.TensionsPage })),
  ),
);
const ActionsPage = lazy(
  reloadOnMissingChunk(() =>
    import('./pages/ActionsPage.tsx').then((m) => ({ default: m.ActionsPage })),
  ),
);
const GovernancePage = lazy(
  reloadOnMissingChunk(() =>
    import('./pages/GovernancePage.tsx').then((m) => ({ default: m.GovernancePage })),
  ),
);
const AsyncConsentPage = lazy(
  reloadOnMissingChunk(() =>
    import('./asyncConsent/AsyncConsentPage.tsx').then((m) => ({ default: m.AsyncConsentPage })),
  ),
);
const InboxPage = lazy(
  reloadOnMissingChunk(() =>
    import('./pages/InboxPage.tsx').then((m) => ({ default: m.InboxPage })),
  ),
);
const MembersPage = lazy(
  reloadOnMissingChunk(() =>
    import('./pages/MembersPage.tsx').then((m) => ({ default: m.MembersPage })),
  ),
);
const SignInPage = lazy(
  reloadOnMissingChunk(() =>
    import('./pages/SignInPage.tsx').then((m) => ({ default: m.SignInPage })),
  ),
);
const JoinPage = lazy(
  reloadOnMissingChunk(() => import('./pages/JoinPage.tsx').then((m) => ({ default: m.JoinPage }))),
);

/** A lazy page, with its own words while its code loads. */
function Page({ loading, children }: { loading: MessageKey; children: ReactNode }) {
  const t = useT();
  return <Suspense fallback={<Loading message={t(loading)} />}>{children}</Suspense>;
}

/** The app shell and its routes (declarative react-router). */
export function App() {
  useDocumentLanguage();
  const t = useT();
  const nameDialogOpen = useSession((s) => s.nameDialogOpen);
  return (
    <>
      <a href="#main" className="skip-link">
        {t('header.skip')}
      </a>
      <Header />
      <main id="main" className="app-main" tabIndex={-1}>
        <WriteRefusedNotice />
        <PracticeBanner />
        <Routes>
          <Route
            path="/"
            element={
              <Page loading="app.loading">
                <HomePage />
              </Page>
            }
          />
          <Route
            path="/s/:spaceId"
            element={
              <Page loading="space.loading">
                <SpacePage />
              </Page>
            }
          />
          <Route
            path="/s/:spaceId/p/:proposalId"
            element={
              <Page loading="proposal.loading">
                <ProposalPage />
              </Page>
            }
          />
          <Route
            path="/s/:spaceId/contributions"
            element={
              <Page loading="ledger.loading">
                <ContributionsPage />
              </Page>
            }
          />
          <Route
            path="/s/:spaceId/p/:proposalId/history"
            element={
              <Page loading="history.loading">
                <ProposalHistoryPage />
              </Page>
            }
          />
          <Route
            path="/s/:spaceId/m/:meetingId"
            element={
              <Page loading="meeting.loading">
                <MeetingPage />
              </Page>
            }
          />
          <Route
            path="/s/:spaceId/time"
            element={
              <Page loading="timeBank.loading">
                <TimeBankPage />
              </Page>
            }
          />
          <Route
            path="/s/:spaceId/decisions"
            element={
              <Page loading="decisions.loading">
                <DecisionLogPage />
              </Page>
            }
          />
          <Route
            path="/s/:spaceId/tensions"
            element={
              <Page loading="tensions.loading">
                <TensionsPage />
              </Page>
            }
          />
          <Route
            path="/s/:spaceId/actions"
            element={
              <Page loading="actions.loading">
                <ActionsPage />
              </Page>
            }
          />
          <Route
            path="/s/:spaceId/governance"
            element={
              <Page loading="gov.page.loading">
                <GovernancePage />
              </Page>
            }
          />
          <Route
            path="/s/:spaceId/consent/:consentId"
            element={
              <Page loading="async.loading">
                <AsyncConsentPage />
              </Page>
            }
          />
          <Route
            path="/s/:spaceId/inbox"
            element={
              <Page loading="app.loading">
                <InboxPage />
              </Page>
            }
          />
          <Route
            path="/s/:spaceId/members"
            element={
              <Page loading="members.loading">
                <MembersPage />
              </Page>
            }
          />
          <Route
            path="/s/:spaceId/signin"
            element={
              <Page loading="app.loading">
                <SignInPage />
              </Page>
            }
          />
          <Route
            path="/join"
            element={
              <Page loading="app.loading">
                <JoinPage />
              </Page>
            }
          />
          <Route
            path="/join/:code"
            element={
              <Page loading="app.loading">
                <JoinPage />
              </Page>
            }
          />
          <Route path="*" element={<NotFoundPage />} />
        </Routes>
      </main>
      {nameDialogOpen && <NameDialog />}
    </>
  );
}
