import { formatDateTime } from '../../text/labels.ts';
import { useAppState } from '../app-context.ts';

/** Says, above everything, that this window replays a bundle (or a scenario) and changes nothing. */
export function ReplayBanner() {
  const replay = useAppState((s) => s.info.replay);
  if (!replay) return null;
  return (
    <aside className="replay-banner" aria-label="Replay" data-testid="replay-banner" data-kind={replay.kind}>
      <p>
        <strong>
          {replay.kind === 'bundle'
            ? `Replay of a support bundle from ${formatDateTime(replay.createdAt)}, Instance ID ${replay.instanceId}.`
            : `Scenario ${replay.scenario ?? ''}: generated data, for training and screenshots.`}
        </strong>{' '}
        Read-only: nothing in this window changes a license.
      </p>
      {replay.differs && (
        <p className="differs" data-testid="replay-differs">
          {replay.differs}
        </p>
      )}
    </aside>
  );
}
