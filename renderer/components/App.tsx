import { useEffect } from 'react';
import { ActivateScreen } from './ActivateScreen.tsx';
import { useAppState } from './app-context.ts';
import { Header } from './Header.tsx';
import { LiveRegion } from './LiveRegion.tsx';
import { StatusScreen } from './StatusScreen.tsx';

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
      <Header />
      <main id="main">{screen === 'status' ? <StatusScreen /> : <ActivateScreen />}</main>
      <LiveRegion />
    </>
  );
}
