import { panelFor } from '../../../shared/errors/screen-actions.ts';
import { placeContext } from '../../state/panel-context.ts';
import { useAppState } from '../app-context.ts';
import { OfflinePath } from '../OfflinePath.tsx';

/** The standing way into offline activation under the online form, unless the error panel already offers it. */
export function OfflineEntry() {
  const inPanel = useAppState((s) => s.problem !== null && panelFor(s.problem.error.code, placeContext(s, 'activate', true)).actions.some((a) => a.id === 'activateOffline'));
  if (inPanel) return null;
  return (
    <section className="card" aria-labelledby="offline-entry-title">
      <h3 id="offline-entry-title">No internet on this computer?</h3>
      <OfflinePath />
    </section>
  );
}
