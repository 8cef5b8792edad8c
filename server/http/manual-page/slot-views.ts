import { CATALOG } from '../../../shared/errors/catalog.ts';
import type { listSlots, releaseSlot } from '../../licensing/slot-recovery.ts';
import { html, type SafeHtml } from './html.ts';

/*
 * "Free a slot" on the manual page, for the key holder whose machines cannot run the app's own
 * list: enter the key → the machines → confirm the one to free (named) → freed. Plain forms; the
 * key rides along in a hidden field of each POST, never in an address.
 */

type SlotList = Awaited<ReturnType<typeof listSlots>>;
type Slot = SlotList['activations'][number];

const DEVICE_BOUND = CATALOG.DEACTIVATION_PROOF_REQUIRED;
const MODES: Readonly<Record<string, string>> = { online: 'Online', airgapped: 'Air-gapped', offline: 'Offline' };

/** A time in the reader's language (Accept-Language), in UTC since a page cannot know the zone. */
export type TimeWriter = (iso: string) => string;

export function timeWriter(acceptLanguage: string | undefined): TimeWriter {
  const wanted = /^\s*([A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*)/.exec(acceptLanguage ?? '')?.[1];
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat(wanted ?? 'en', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });
  } catch {
    format = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });
  }
  return (iso) => `${format.format(new Date(iso))} UTC`;
}

export const machineName = (slot: Pick<Slot, 'name' | 'instance_id_end'>) => slot.name ?? `Unnamed machine (Instance ID ending ${slot.instance_id_end})`;

export function slotKeyForm(licenseKey = ''): SafeHtml {
  return html`<p>Lost or reinstalled a machine? Enter the license key to see the machines that use it, and free the slot of one you no longer use. It loses the license the next time it checks in.</p>
<form method="post" action="/free-slot">
<label for="license_key">License key</label>
<input id="license_key" name="license_key" spellcheck="false" autocomplete="off" placeholder="KH-XXXXX-XXXXX-XXXXX-XXXXX-XXXXX" value="${licenseKey}">
<button type="submit">Show machines</button>
</form>
<p><a href="/activate">Activate a machine</a> · <a href="/deactivate">Free an activation slot with a deactivation code</a></p>`;
}

function slotRow(slot: Slot, licenseKey: string, when: TimeWriter): SafeHtml {
  const device = [slot.device.os, slot.device.app_version && `app ${slot.device.app_version}`].filter(Boolean).join(', ');
  return html`<li class="slot">
<h3>${machineName(slot)}</h3>
<dl>
${device ? html`<dt>Device</dt><dd>${device}</dd>` : ''}
<dt>Mode</dt><dd>${MODES[slot.mode] ?? slot.mode}</dd>
<dt>Last seen</dt><dd>${when(slot.last_seen_at)}</dd>
<dt>Instance ID</dt><dd>ends in ${slot.instance_id_end}</dd>
</dl>
${slot.freeable
    ? html`<form method="post" action="/free-slot/confirm">
<input type="hidden" name="license_key" value="${licenseKey}">
<input type="hidden" name="slot" value="${slot.slot}">
<button type="submit" aria-label="Free the slot of ${machineName(slot)}">Free this slot</button>
</form>`
    : html`<p class="note"><strong>${DEVICE_BOUND.title}.</strong> ${DEVICE_BOUND.explanation} ${DEVICE_BOUND.fixes[0]} ${DEVICE_BOUND.fixes[1]}</p>`}
</li>`;
}

export function slotListView(list: SlotList, licenseKey: string, when: TimeWriter): SafeHtml {
  const limit = list.license.activation_limit === null ? 'unlimited' : String(list.license.activation_limit);
  return html`<section aria-labelledby="slots-title">
<h2 id="slots-title">Machines using this license</h2>
<p>${list.license.activations_used} of ${limit} activations in use.</p>
${list.activations.length === 0 ? html`<p>No machine holds a slot of this license.</p>` : html`<ul class="slots">${list.activations.map((slot) => slotRow(slot, licenseKey, when))}</ul>`}
</section>
<p><a href="/free-slot">Use another license key</a></p>`;
}

export function slotConfirmView(slot: Slot, licenseKey: string): SafeHtml {
  return html`<section aria-labelledby="confirm-title">
<h2 id="confirm-title">Free the slot of “${machineName(slot)}”?</h2>
<p>That machine loses the license the next time it checks in. Freeing slots is limited per license and period.</p>
<form method="post" action="/free-slot/release">
<input type="hidden" name="license_key" value="${licenseKey}">
<input type="hidden" name="slot" value="${slot.slot}">
<button type="submit">Yes, free it</button>
</form>
<form method="post" action="/free-slot">
<input type="hidden" name="license_key" value="${licenseKey}">
<button type="submit">Keep it</button>
</form>
</section>`;
}

export function slotReleasedView(result: Awaited<ReturnType<typeof releaseSlot>>): SafeHtml {
  const limit = result.license.activation_limit === null ? 'unlimited' : String(result.license.activation_limit);
  return html`<section class="success" role="status" aria-labelledby="result-title">
<h2 id="result-title">Activation slot freed</h2>
<p>“${machineName(result.released)}” no longer holds an activation of this license. Activate the new machine now.</p>
<dl>
<dt>Activations</dt><dd>${result.license.activations_used} of ${limit} in use</dd>
</dl>
</section>
<p><a href="/activate">Activate a machine</a></p>`;
}
