import type { ReactNode } from 'react';
import { describeError } from '../../shared/errors/catalog.ts';
import type { ErrorCode } from '../../shared/errors/catalog.ts';
import type { Place } from '../../shared/errors/controls.ts';
import { panelFor, type PanelAction, type PlaceContext } from '../../shared/errors/screen-actions.ts';
import { FOCUS } from '../state/focus.ts';
import { placeContext } from '../state/panel-context.ts';
import { localizeTimes } from '../text/labels.ts';
import { useActions, useAppState } from './app-context.ts';
import { OFFLINE_NOTE_ID, OfflineNote } from './OfflinePath.tsx';
import { SupportDetailsButton } from './support/SupportDetailsButton.tsx';

interface Props {
  readonly code: ErrorCode;
  /** The screen the panel is on: it decides which fix steps and buttons fit (see screen-actions.ts). */
  readonly place: Place;
  /** True for an action that just failed (Retry repeats it), false for the license state's own explanation. */
  readonly failed: boolean;
  /** The precise, situation-specific sentence (an ErrorInfo hint or the failed check). */
  readonly hint?: string | null;
  /** Rendered below the buttons, e.g. a note about the offline path. */
  readonly extra?: ReactNode;
  /** Whether this panel takes the focus target id (only one panel on screen does). */
  readonly focusable?: boolean;
  /** The license server's id for the failed request (error details), so support can find its log line. */
  readonly requestId?: unknown;
}

/** The catalog's entry for a code: title, what happened, causes, the fix steps and buttons for this screen. */
export function ErrorPanel({ code, place, failed, hint, extra, focusable = true, requestId }: Props) {
  const entry = describeError(code);
  const panel = panelFor(entry.code, usePlaceContext(place, failed));
  const headingId = focusable ? FOCUS.problemHeading : `${code}-title`;
  const tone = entry.severity === 'error' ? 'bad' : entry.severity === 'warning' ? 'warn' : 'neutral';
  return (
    <section className={`card problem ${tone}`} aria-labelledby={headingId} data-testid="error-panel" data-code={code}>
      <h3 id={headingId} tabIndex={-1}>
        {entry.title}
      </h3>
      <p>{entry.explanation}</p>
      {hint && (
        <p className="hint">
          <strong>What happened: </strong>
          {localizeTimes(hint)}
        </p>
      )}
      <h4>Common causes</h4>
      <ul>
        {entry.causes.map((cause) => (
          <li key={cause}>{cause}</li>
        ))}
      </ul>
      <h4>How to fix it</h4>
      <ol data-testid="fix-steps">
        {panel.steps.map((step) => (
          <li key={step}>{step}</li>
        ))}
      </ol>
      <div className="actions">
        {panel.actions.map((action) => (
          <PanelButton key={action.id} action={action} />
        ))}
        <SupportDetailsButton panelId={headingId} />
      </div>
      {typeof requestId === 'string' && (
        <p className="request-id" data-testid="request-id">
          Reference for support: <code>{requestId}</code>
        </p>
      )}
      {panel.actions.some((action) => action.id === 'activateOffline') && <OfflineNote />}
      {extra}
    </section>
  );
}

/** The screen's context, selected as primitives so the panel re-renders only when one changes. */
function usePlaceContext(place: Place, failed: boolean): PlaceContext {
  const hasCertificate = useAppState((s) => placeContext(s, place, failed).hasCertificate);
  const callsOut = useAppState((s) => placeContext(s, place, failed).callsOut);
  const featuresOff = useAppState((s) => placeContext(s, place, failed).featuresOff);
  const offlineActivation = useAppState((s) => s.info.offlineActivation);
  const renewUrl = useAppState((s) => s.info.renewUrl !== null);
  const buyUrl = useAppState((s) => s.info.buyUrl !== null);
  const trialOffered = useAppState((s) => placeContext(s, place, failed).trialOffered === true);
  return { place, failed, hasCertificate, callsOut, featuresOff, offlineActivation, renewUrl, buyUrl, trialOffered };
}

function PanelButton({ action }: { readonly action: PanelAction }) {
  const actions = useActions();
  const off = useAppState((s) => s.info.readOnly || s.busy !== null);
  const copied = useAppState((s) => s.copied === `vendor-${action.id}`);
  const run = {
    retry: () => void actions.retry(),
    renew: () => void actions.openVendorPage('renew'),
    buy: () => void actions.openVendorPage('buy'),
    enterKey: () => actions.enterKey(),
    contact: () => void actions.openVendorPage('contact'),
    activateOffline: () => actions.offline.start(),
    freeSlot: () => void actions.slots.open(),
  }[action.id];
  return (
    <button
      type="button"
      className={action.primary ? 'primary' : 'secondary'}
      disabled={off}
      onClick={run}
      data-action={action.id}
      aria-describedby={action.id === 'activateOffline' ? OFFLINE_NOTE_ID : undefined}
    >
      {copied ? 'Address copied' : action.label}
    </button>
  );
}
