import { useAppState } from './app-context.ts';

/** Announces status changes and errors to screen readers; visually hidden. */
export function LiveRegion() {
  const announcement = useAppState((s) => s.announcement);
  return (
    <div className="offscreen" role="status" aria-live="polite" aria-atomic="true" data-testid="live-region">
      {/* Keyed so the same sentence twice is announced twice. */}
      <span key={announcement.id}>{announcement.text}</span>
    </div>
  );
}
