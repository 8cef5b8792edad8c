import { useEffect } from 'react';
import { ActivateScreen } from './ActivateScreen.tsx';
import { useAppState } from './app-context.ts';
import { Header } from './Header.tsx';
import { LiveRegion } from './LiveRegion.tsx';
import { Notice } from './Notice.tsx';
import { DeactivationCodeCard } from './offline/DeactivationCodeCard.tsx';
import { OfflineScreen } from './offline/OfflineScreen.tsx';
import { StatusScreen } from './StatusScreen.tsx';
import { ReplayBanner } from './support/ReplayBanner.tsx';
import { SupportDialog } from './support/SupportDialog.tsx';

/** The whole window: header, the current screen, and the live region. */
export function App() {
  const screen = useAppState((s) => s.screen);
  const focus = useAppState((s) => s.focus);
  // A deactivation code left from before belongs below a license that is active again, not above it.
  const codeFirst = useAppState((s) => s.license.status.state !== 'active');

  // Focus moves to what changed: actions name an element id, we move focus after React rendered it.
  useEffect(() => {
    if (focus) document.getElementById(focus.target)?.focus();
  }, [focus]);

  return (
    <>
      <ReplayBanner />
      <Header />
      <main id="main">
        <Notice />
        {codeFirst && <DeactivationCodeCard />}
        {screen === 'status' ? <StatusScreen /> : screen === 'offline' ? <OfflineScreen /> : <ActivateScreen />}
        {!codeFirst && <DeactivationCodeCard />}
      </main>
      <SupportDialog />
      <LiveRegion />
    </>
  );
}
