import type { OfflineDeactivation } from '../../offline/offline-deactivation.ts';
import { html, type SafeHtml } from './html.ts';

/* The offline deactivation views: paste the code a deactivated machine showed; see the slot freed. */

export function deactivationForm(code = ''): SafeHtml {
  return html`<p>When a machine without internet access is deactivated, the app shows a deactivation code. Paste it here to free that machine's activation slot for another one.</p>
<form method="post" action="/deactivate">
<label for="deactivation_code">Deactivation code</label>
<textarea id="deactivation_code" name="deactivation_code" spellcheck="false" autocomplete="off" placeholder="KD-…">${code}</textarea>
<button type="submit">Free the activation slot</button>
</form>
<p><a href="/activate">Activate a machine</a></p>`;
}

export function deactivationResult(result: OfflineDeactivation): SafeHtml {
  const { license } = result;
  const limit = license.activation_limit === null ? 'unlimited' : String(license.activation_limit);
  return html`<section class="success" role="status" aria-labelledby="result-title">
<h2 id="result-title">${result.already_free ? 'This activation slot was already free' : 'Activation slot freed'}</h2>
<p>The machine with Instance ID <strong>${result.instance_id}</strong> no longer holds an activation of this license.</p>
<dl>
<dt>Activations</dt><dd>${license.activations_used} of ${limit} in use</dd>
</dl>
</section>
<p><a href="/activate">Activate a machine</a></p>`;
}
