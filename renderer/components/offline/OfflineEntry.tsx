import { useAppState } from '../app-context.ts';
import { OfflinePath } from '../OfflinePath.tsx';

/** The standing way into offline activation under the online form (the error panel offers its own). */
export function OfflineEntry() {
  const unreachable = useAppState((s) => s.problem?.error.code === 'SERVER_UNREACHABLE');
  if (unreachable) return null;
  return (
    <section className="card" aria-labelledby="offline-entry-title">
      <h3 id="offline-entry-title">No internet on this computer?</h3>
      <OfflinePath />
    </section>
  );
}
