import { lazy, Suspense } from 'react';
import { Route, Routes } from 'react-router';
import { Loading } from './components/Loading.tsx';
import { Header } from './components/Header.tsx';
import { NameDialog } from './components/NameDialog.tsx';
import { useDocumentLanguage, useT } from './i18n/useT.ts';
import { DecisionLogPage } from './pages/DecisionLogPage.tsx';
import { GovernancePage } from './pages/GovernancePage.tsx';
import { HomePage } from './pages/HomePage.tsx';
import { JoinPage } from './pages/JoinPage.tsx';
import { MembersPage } from './pages/MembersPage.tsx';
import { SignInPage } from './pages/SignInPage.tsx';
import { MeetingPage } from './pages/MeetingPage.tsx';
import { NotFoundPage } from './pages/NotFoundPage.tsx';
import { SpacePage } from './pages/SpacePage.tsx';
import { PracticeBanner } from './practice/PracticeBanner.tsx';
import { useSession } from './state/session.ts';
import { WriteRefusedNotice } from './sync/WriteRefusedNotice.tsx';

// The editor (TipTap, ProseMirror) is most of the code: load it on demand.
const ProposalPage = lazy(() =>
  import('./pages/ProposalPage.tsx').then((m) => ({ default: m.ProposalPage })),
);

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
          <Route path="/" element={<HomePage />} />
          <Route path="/s/:spaceId" element={<SpacePage />} />
          <Route
            path="/s/:spaceId/p/:proposalId"
            element={
              <Suspense fallback={<Loading message={t('proposal.loading')} />}>
                <ProposalPage />
              </Suspense>
            }
          />
          <Route path="/s/:spaceId/m/:meetingId" element={<MeetingPage />} />
          <Route path="/s/:spaceId/decisions" element={<DecisionLogPage />} />
          <Route path="/s/:spaceId/governance" element={<GovernancePage />} />
          <Route path="/s/:spaceId/members" element={<MembersPage />} />
          <Route path="/s/:spaceId/signin" element={<SignInPage />} />
          <Route path="/join" element={<JoinPage />} />
          <Route path="/join/:code" element={<JoinPage />} />
          <Route path="*" element={<NotFoundPage />} />
        </Routes>
      </main>
      {nameDialogOpen && <NameDialog />}
    </>
  );
}
