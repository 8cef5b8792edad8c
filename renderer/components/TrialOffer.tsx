import { CATALOG } from '../../shared/errors/catalog.ts';
import { CONTROL_LABELS } from '../../shared/errors/controls.ts';
import { trialOffered } from '../state/panel-context.ts';
import { useActions, useAppState } from './app-context.ts';

/** "Start free trial" on the key screen, for a product with a trial and an installation without a license. */
export function TrialOffer() {
  const actions = useActions();
  const offered = useAppState(trialOffered);
  const busy = useAppState((s) => s.busy);
  if (!offered) return null;
  return (
    <section className="card" aria-labelledby="trial-offer-title" data-testid="trial-offer">
      <h3 id="trial-offer-title">Try before you buy</h3>
      <div className="actions">
        <button type="button" className="secondary" disabled={busy !== null} aria-describedby="trial-offer-note" onClick={() => void actions.startTrial()}>
          {busy === 'trial' ? 'Starting trial…' : CONTROL_LABELS.startTrial}
        </button>
      </div>
      {/* Said before the click: an offline or air-gapped computer cannot start one. */}
      <p id="trial-offer-note" className="hint">
        {CATALOG.TRIAL_NEEDS_INTERNET.title}.
      </p>
    </section>
  );
}
