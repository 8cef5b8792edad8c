import type { activateOffline } from '../../offline/offline-requests.ts';
import { formatInstant } from '../../licensing/license-rules.ts';
import { html, trusted, type SafeHtml } from './html.ts';
import { OFFLINE_LABELS } from '../../../shared/errors/controls.ts';

/*
 * The manual activation views: the two ways in (a request code, or license key + Instance ID as
 * Inedo and NocoBase users know it) and the resulting activation code with copy button and QR code.
 */

export interface ActivationFormValues {
  readonly requestCode?: string;
  readonly licenseKey?: string;
  readonly instanceId?: string;
}

export function activationForms(values: ActivationFormValues = {}): SafeHtml {
  return html`<p>Use this page from any computer with internet access to activate a machine that cannot reach the license server. You get an activation code to type or paste into the app on that machine.</p>
<form method="post" action="/activate">
<h2>With a request code</h2>
<label for="request_code">Request code (shown by the app under “Activate offline”)</label>
<textarea id="request_code" name="request_code" spellcheck="false" autocomplete="off" placeholder="KR-…">${values.requestCode ?? ''}</textarea>
<button type="submit">Get activation code</button>
</form>
<form method="post" action="/activate">
<h2>Or with the license key and Instance ID</h2>
<label for="license_key">License key</label>
<input id="license_key" name="license_key" spellcheck="false" autocomplete="off" placeholder="KH-XXXXX-XXXXX-XXXXX-XXXXX-XXXXX" value="${values.licenseKey ?? ''}">
<label for="instance_id">Instance ID (shown on the app's license screen)</label>
<input id="instance_id" name="instance_id" spellcheck="false" autocomplete="off" placeholder="XXXX-XXXX-XXXX-XXXX" value="${values.instanceId ?? ''}">
<p class="note">Without a request code the machine's hardware fingerprint is unknown, so the activation code is bound to the Instance ID only.</p>
<button type="submit">Get activation code</button>
</form>
<p><a href="/deactivate">Free an activation slot with a deactivation code</a> · <a href="/free-slot">Free the slot of a machine you no longer use</a></p>`;
}

type Activation = Awaited<ReturnType<typeof activateOffline>>;

export function activationResult(result: Activation, qrSvg: string, fingerprintKnown: boolean): SafeHtml {
  const { license, activation } = result;
  const limit = license.activation_limit === null ? 'unlimited' : String(license.activation_limit);
  return html`<section class="success" aria-labelledby="result-title">
<h2 id="result-title">Activation code</h2>
<p>Type or paste this code into the app on the machine with Instance ID <strong>${activation.instance_id}</strong>, under “Activate offline” → “${OFFLINE_LABELS.enterActivationCode}”.</p>
<p class="code" id="activation-code">${groups(result.certificate)}</p>
<button type="button" data-copy="activation-code" hidden>Copy activation code</button>
<figure class="qr">
<div role="img" aria-label="QR code of the activation code">${trusted(qrSvg)}</div>
<figcaption class="muted">The same code as a QR code.</figcaption>
</figure>
${fingerprintKnown ? '' : html`<p class="note">No request code was used, so the machine's fingerprint is unknown (all components 0): the code works on the machine with this Instance ID, whatever its hardware.</p>`}
<dl>
<dt>Plan</dt><dd>${license.plan.name} (${license.plan.mode})</dd>
<dt>Expires</dt><dd>${license.expires_at === null ? 'Never' : formatInstant(Date.parse(license.expires_at))}</dd>
<dt>Activations</dt><dd>${license.activations_used} of ${limit} in use</dd>
<dt>Plugins</dt><dd>${license.plugins.join(', ') || 'none'}</dd>
</dl>
</section>
<p><a href="/activate">Activate another machine</a></p>`;
}

/** The code with a break opportunity after each dash; the text (and what Copy copies) is unchanged. */
function groups(code: string): SafeHtml[] {
  return code.split('-').map((group, i, all) => html`${group}${i < all.length - 1 ? html`-<wbr>` : ''}`);
}
