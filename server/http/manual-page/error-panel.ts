import { CATALOG } from '../../../shared/errors/catalog.ts';
import { MANUAL_PAGE, panelFor } from '../../../shared/errors/screen-actions.ts';
import type { KeyholeError } from '../../../shared/errors/keyhole-error.ts';
import { html, type SafeHtml } from './html.ts';

/* A refused request, in the catalog's words: title, explanation, the precise hint, the fix steps written for this page. */

/** `requestId` is shown so a customer can quote it to support, who find it with `keyhole log find`. */
export function errorPanel(error: KeyholeError, requestId?: string): SafeHtml {
  const entry = CATALOG[error.code];
  const retry = error.details?.['retry_after_seconds'];
  const panel = panelFor(error.code, MANUAL_PAGE);
  // The page's only panel action: its own "Free a slot" form, one link away.
  const freeSlot = panel.actions.find((action) => action.id === 'freeSlot');
  return html`<section class="error" role="alert" aria-labelledby="error-title">
<h2 id="error-title">${entry.title}</h2>
<p>${entry.explanation}</p>
${error.hint ? html`<p><strong>Details:</strong> ${error.hint}</p>` : ''}
${typeof retry === 'number' ? html`<p>Try again in ${retry} seconds.</p>` : ''}
<h3>What to do</h3>
<ol>${panel.steps.map((fix) => html`<li>${fix}</li>`)}</ol>
${freeSlot ? html`<p><a href="/free-slot">${freeSlot.label}</a></p>` : ''}
<p class="muted">Error code: <code>${error.code}</code>${requestId === undefined ? '' : html` · Request id: <code>${requestId}</code>`}</p>
</section>`;
}
