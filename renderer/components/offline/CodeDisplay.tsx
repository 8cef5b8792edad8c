import { Fragment } from 'react';
import { CopyButton } from '../CopyButton.tsx';

/*
 * How the app shows a code to carry elsewhere: monospace, with a line-break opportunity after each
 * dash (the text, and what copying it gives, stay the exact code), and its QR code as an image.
 */

export function GroupedCode({ id, code }: { readonly id: string; readonly code: string }) {
  const groups = code.split('-');
  return (
    <p id={id} className="grouped-code" data-testid={id} translate="no">
      {groups.map((group, i) => (
        <Fragment key={i}>
          {group}
          {i < groups.length - 1 && (
            <>
              -<wbr />
            </>
          )}
        </Fragment>
      ))}
    </p>
  );
}

/** The SVG document main made, as an image: never inserted as markup (the CSP allows img-src data:). */
export function QrImage({ svg, label, caption }: { readonly svg: string; readonly label: string; readonly caption: string }) {
  return (
    <figure className="qr">
      <img src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`} alt={label} />
      <figcaption className="muted">{caption}</figcaption>
    </figure>
  );
}

/** A code to carry elsewhere with its copy button beside it. */
export function CopyableCode({ id, code, what, accessibleLabel }: { readonly id: string; readonly code: string; readonly what: string; readonly accessibleLabel: string }) {
  return (
    <div className="code-row">
      <GroupedCode id={id} code={code} />
      <CopyButton what={what} text={code} label="Copy" accessibleLabel={accessibleLabel} />
    </div>
  );
}

/** A page address shown as copyable text (the app opens no links itself). */
export function CopyableAddress({ testId, url, what, accessibleLabel }: { readonly testId: string; readonly url: string; readonly what: string; readonly accessibleLabel: string }) {
  return (
    <dd className="copy-line">
      <span translate="no" data-testid={testId}>
        {url}
      </span>
      <CopyButton what={what} text={url} label="Copy address" accessibleLabel={accessibleLabel} />
    </dd>
  );
}
