import type { ProductConfig } from '../../../shared/product/config.ts';
import { html, trusted, type SafeHtml } from './html.ts';

/*
 * The document around every manual-page view: a little CSS and the optional copy-button script,
 * both carrying the response's CSP nonce (no inline handlers, no other origins). Without
 * JavaScript the copy buttons stay hidden and the codes are plain selectable text.
 */

const CSS = `
:root { color-scheme: light dark; --fg: #1b1f24; --bg: #fff; --muted: #57606a; --line: #d0d7de; --accent: #0b5cad; --bad: #b42318; --ok: #1a7f37; }
@media (prefers-color-scheme: dark) { :root { --fg: #e6edf3; --bg: #0d1117; --muted: #9da7b3; --line: #30363d; --accent: #58a6ff; --bad: #ff7b72; --ok: #3fb950; } }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, sans-serif; color: var(--fg); background: var(--bg); }
header, main, footer { max-width: 46rem; margin: 0 auto; padding: 1rem 1.25rem; }
header { border-bottom: 1px solid var(--line); }
header p, footer, .note, .muted { color: var(--muted); }
h1 { font-size: 1.5rem; margin: 0.25rem 0; }
h2 { font-size: 1.15rem; margin: 1.5rem 0 0.5rem; }
form h2 { margin-top: 0; }
form { border: 1px solid var(--line); border-radius: 8px; padding: 1rem; margin: 1rem 0; }
label { display: block; font-weight: 600; margin: 0.75rem 0 0.25rem; }
input, textarea { width: 100%; font: 15px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; padding: 0.5rem; border: 1px solid var(--line); border-radius: 6px; background: var(--bg); color: var(--fg); }
textarea { min-height: 5.5rem; resize: vertical; }
button { font: inherit; margin-top: 0.75rem; padding: 0.45rem 1rem; border-radius: 6px; border: 1px solid var(--accent); background: var(--accent); color: #fff; cursor: pointer; }
button.secondary { background: transparent; color: var(--accent); }
:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
.code { font: 1.05rem/1.7 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; letter-spacing: 0.04em; padding: 0.75rem; border: 1px solid var(--line); border-radius: 6px; overflow-wrap: anywhere; white-space: normal; }
.error { border-left: 4px solid var(--bad); padding: 0.25rem 1rem; margin: 1rem 0; }
.error h2 { color: var(--bad); margin-top: 0.5rem; }
.success { border-left: 4px solid var(--ok); padding: 0.25rem 1rem; margin: 1rem 0; }
.qr svg { width: 14rem; height: 14rem; background: #fff; padding: 0.5rem; border-radius: 6px; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.25rem 1rem; }
dt { color: var(--muted); }
dd { margin: 0; }
`;

// Un-hides the copy buttons and copies the text of the element they name.
const SCRIPT = `
for (const button of document.querySelectorAll('button[data-copy]')) {
  button.hidden = false;
  button.addEventListener('click', async () => {
    const text = document.getElementById(button.dataset.copy).textContent.trim();
    try {
      await navigator.clipboard.writeText(text);
      button.textContent = 'Copied';
    } catch {
      getSelection().selectAllChildren(document.getElementById(button.dataset.copy));
      button.textContent = 'Selected: press Ctrl+C';
    }
  });
}
`;

export interface PageFrame {
  readonly product: ProductConfig;
  readonly nonce: string;
  readonly title: string;
}

export function renderPage(frame: PageFrame, body: SafeHtml): string {
  const { product, nonce } = frame;
  const support = product.support;
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${frame.title} · ${product.productName}</title>
<style nonce="${nonce}">${trusted(CSS)}</style>
</head>
<body>
<header>
<p>${product.vendorName}</p>
<h1>${frame.title}</h1>
<p>${product.productName}</p>
</header>
<main>
${body}
</main>
<footer>
<p>Help: <a href="mailto:${support.email}">${support.email}</a>${support.url ? html` · <a href="${support.url}">${support.url}</a>` : ''}</p>
</footer>
<script nonce="${nonce}">${trusted(SCRIPT)}</script>
</body>
</html>
`.text;
}

/** The strict policy for these pages: nothing but this response's own nonce'd style and script. */
export function contentSecurityPolicy(nonce: string): string {
  return [
    "default-src 'none'",
    `style-src 'nonce-${nonce}'`,
    `script-src 'nonce-${nonce}'`,
    "form-action 'self'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}
