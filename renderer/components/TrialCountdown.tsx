import { CONTROL_LABELS } from '../../shared/errors/controls.ts';
import { trialCountdown, trialLabel } from '../../shared/license/trial.ts';
import { formatDate } from '../text/labels.ts';
import { useActions, useAppState } from './app-context.ts';

/** A running trial on the status view: days left, the end date in the user's locale, what it includes, and the ways to buy. */
export function TrialCountdown() {
  const actions = useActions();
  const view = useAppState((s) => s.license);
  const catalog = useAppState((s) => s.info.plugins);
  const hasStore = useAppState((s) => s.info.buyUrl !== null);
  const off = useAppState((s) => s.info.readOnly || s.busy !== null);
  const countdown = trialCountdown(view.status.certificate, view.evaluatedAt);
  if (countdown === null || !view.status.featuresEnabled) return null;
  const included = catalog.filter((plugin) => view.status.plugins.includes(plugin.id)).map((plugin) => plugin.name);
  return (
    <section className="card" aria-labelledby="trial-title" data-testid="trial-countdown">
      <h3 id="trial-title">{trialLabel(countdown.daysLeft)}</h3>
      <p>
        Your free trial ends on <strong data-testid="trial-ends">{formatDate(countdown.endsAt)}</strong>.
        {included.length > 0 && <> It includes {included.join(', ')}.</>}
      </p>
      <div className="actions">
        {hasStore && (
          <button type="button" className="primary" disabled={off} onClick={() => void actions.openVendorPage('buy')}>
            {CONTROL_LABELS.buy}
          </button>
        )}
        <button type="button" className="secondary" disabled={off} onClick={() => actions.enterKey()}>
          {CONTROL_LABELS.enterKey}
        </button>
      </div>
    </section>
  );
}
