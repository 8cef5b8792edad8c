import { useEffect } from 'react';
import { ActivateScreen } from './ActivateScreen.tsx';
import { useAppState } from './app-context.ts';
import { Header } from './Header.tsx';
import { LiveRegion } from './LiveRegion.tsx';
import { DeactivationCodeCard } from './offline/DeactivationCodeCard.tsx';
import { OfflineScreen } from './offline/OfflineScreen.tsx';
import { StatusScreen } from './StatusScreen.tsx';
import { ReplayBanner } from './support/ReplayBanner.tsx';
import { SupportDialog } from './support/SupportDialog.tsx';

/** The whole window: header, the current screen, and the live region. */
export function App() {
  const screen = useAppState((s) => s.screen);
  const focus = useAppState((s) => s.focus);

  // Focus moves to what changed: actions name an element id, we move focus after React rendered it.
  useEffect(() => {
    if (focus) document.getElementById(focus.target)?.focus();
  }, [focus]);

  return (
    <>
      <ReplayBanner />
      <Header />
      <main id="main">
        <DeactivationCodeCard />
        {screen === 'status' ? <StatusScreen /> : screen === 'offline' ? <OfflineScreen /> : <ActivateScreen />}
      </main>
      <SupportDialog />
      <LiveRegion />
    </>
  );
}
