import { FOCUS } from '../state/focus.ts';
import { badgeFor } from '../text/labels.ts';
import { useAppState } from './app-context.ts';
import { ErrorPanel } from './ErrorPanel.tsx';
import { InstanceIdCard } from './InstanceIdCard.tsx';
import { PluginList } from './PluginList.tsx';
import { StatusActions } from './StatusActions.tsx';
import { StatusDetails } from './StatusDetails.tsx';
import { TrialCountdown } from './TrialCountdown.tsx';
import { SupportSection } from './support/SupportSection.tsx';

/**
 * The license information dialog, and the start-up screen for every evaluated state: a failing
 * state opens on its catalog explanation and its way out (the actions below it).
 */
export function StatusScreen() {
  const status = useAppState((s) => s.license.status);
  const problem = useAppState((s) => s.problem);
  const badge = badgeFor(status.state, status.daysLeft);
  // The state's own explanation, unless an action just failed (then that error is what changed).
  const explain = status.code !== null && problem === null;
  return (
    <section className="screen" aria-labelledby={FOCUS.statusHeading}>
      <div className="screen-title">
        <h2 id={FOCUS.statusHeading} tabIndex={-1}>
          License information
        </h2>
        <p className={`badge ${badge.tone}`} data-testid="status-badge" data-state={status.state}>
          {badge.label}
        </p>
      </div>
      {explain && status.code && <ErrorPanel code={status.code} place="status" failed={false} hint={status.failedCheck} focusable={false} />}
      {problem && <ErrorPanel code={problem.error.code} place="status" failed hint={problem.error.hint} requestId={problem.error.details?.requestId} />}
      <TrialCountdown />
      <StatusActions />
      <StatusDetails />
      <PluginList />
      <InstanceIdCard />
      <SupportSection />
    </section>
  );
}
