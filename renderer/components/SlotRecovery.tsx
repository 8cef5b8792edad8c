import { CATALOG } from '../../shared/errors/catalog.ts';
import type { SlotInfo } from '../../shared/ipc/channels/slots.ts';
import { freeButtonId, machineLabel, SLOT_FOCUS } from '../state/slot-actions.ts';
import { formatDateTime, MODE_LABELS } from '../text/labels.ts';
import { useActions, useAppState } from './app-context.ts';

/*
 * "Free a slot": the machines that hold this license's slots, each with a way to free it after a
 * confirmation that names the machine. Air-gapped and offline machines are listed with the
 * catalog's words on why only they can free their slot.
 */

const DEVICE_BOUND = CATALOG.DEACTIVATION_PROOF_REQUIRED;
const THIS_MACHINE = 'This machine';

export function SlotRecovery() {
  const actions = useActions();
  const slots = useAppState((s) => s.slots);
  const busy = useAppState((s) => s.busy);
  if (!slots) return null;
  const { list } = slots;
  return (
    <section className="card slots" aria-labelledby={SLOT_FOCUS.heading} aria-busy={list === null} data-testid="slot-recovery">
      <h3 id={SLOT_FOCUS.heading} tabIndex={-1}>
        Machines using this license
      </h3>
      {list === null ? (
        <p>Looking up the machines that use this license…</p>
      ) : (
        <>
          <p>
            {list.activationsUsed} of {list.activationLimit ?? 'unlimited'} activations in use. Free the slot of a machine you no longer use; it loses
            the license the next time it checks in, and this machine is activated in its place.
          </p>
          <ul className="slot-list">
            {list.slots.map((slot) => (
              <SlotRow key={slot.slot} slot={slot} confirming={slots.confirming === slot.slot} busy={busy !== null} />
            ))}
          </ul>
        </>
      )}
      <div className="actions">
        <button type="button" className="link" onClick={() => actions.slots.close()}>
          Close the list
        </button>
      </div>
    </section>
  );
}

function SlotRow({ slot, confirming, busy }: { readonly slot: SlotInfo; readonly confirming: boolean; readonly busy: boolean }) {
  const actions = useActions();
  const label = machineLabel(slot);
  const device = [slot.os, slot.appVersion && `app ${slot.appVersion}`].filter(Boolean).join(', ');
  return (
    <li className="slot" data-testid="slot" data-this-machine={slot.thisMachine} aria-label={slot.thisMachine ? `${label} (${THIS_MACHINE})` : label}>
      <p className="slot-name">
        <strong>{label}</strong>
        {slot.thisMachine && <span className="badge neutral this-machine">{THIS_MACHINE}</span>}
      </p>
      <dl>
        {device && (
          <>
            <dt>Device</dt>
            <dd>{device}</dd>
          </>
        )}
        <dt>Mode</dt>
        <dd>{MODE_LABELS[slot.mode]}</dd>
        <dt>Last seen</dt>
        <dd>{formatDateTime(slot.lastSeenAt)}</dd>
        <dt>Instance ID</dt>
        <dd>ends in {slot.instanceIdEnd}</dd>
      </dl>
      {!slot.freeable && (
        <div className="slot-note">
          <p>
            <strong>{DEVICE_BOUND.title}.</strong> {DEVICE_BOUND.explanation}
          </p>
          <p>
            {DEVICE_BOUND.fixes[0]} {DEVICE_BOUND.fixes[1]}
          </p>
        </div>
      )}
      {slot.freeable && !confirming && (
        <button id={freeButtonId(slot.slot)} type="button" className="secondary" disabled={busy} onClick={() => actions.slots.askFree(slot.slot)}>
          Free this slot
        </button>
      )}
      {confirming && (
        <div
          className="confirm"
          role="group"
          aria-labelledby="confirm-free-text"
          // Escape backs out of the question, the same as "Keep it".
          onKeyDown={(event) => {
            if (event.key === 'Escape') actions.slots.keep();
          }}
        >
          <p id="confirm-free-text">
            {slot.thisMachine
              ? `Free the slot of “${label}”, this machine? It is activated again in the freed slot.`
              : `Free the slot of “${label}”? That machine loses the license the next time it checks in, and this machine is activated instead.`}
          </p>
          <div className="actions">
            <button id={SLOT_FOCUS.confirm} type="button" className="danger" disabled={busy} onClick={() => void actions.slots.free()}>
              {busy ? 'Freeing…' : 'Yes, free it'}
            </button>
            <button type="button" className="secondary" onClick={() => actions.slots.keep()}>
              Keep it
            </button>
          </div>
        </div>
      )}
    </li>
  );
}
