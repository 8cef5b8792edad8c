import { useState } from 'react';
import type { LicenseCard } from '../api/types.ts';
import { maskKey } from '../format.ts';
import { LicenseMenu } from './LicenseMenu.tsx';
import { Link } from './Link.tsx';
import { StatusBadge } from './StatusBadge.tsx';

/*
 * The license card of Order Details: the key (masked until Reveal; Copy copies the whole key),
 * "Never expires" or the date, "2/5 activations" or "3/Unlimited", the status, the menu, and the
 * way to License Details.
 */

export function LicenseCardView({ license, orderId }: { license: LicenseCard; orderId: string }) {
  const [revealed, setRevealed] = useState(false);
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(license.key);
      setCopied(true);
    } catch {
      // No clipboard (an http page on another machine): reveal instead, so the key can be selected.
      setRevealed(true);
    }
  };
  return (
    <section className="card license-card" aria-labelledby="license-heading" data-testid="license-card">
      <div className="card-head">
        <h2 id="license-heading">License</h2>
        <LicenseMenu license={license} orderId={orderId} />
      </div>
      <dl>
        <dt>License Key</dt>
        <dd>
          <span className="mono" data-testid="license-key">
            {revealed ? license.key : maskKey(license.key)}
          </span>{' '}
          <span className="actions inline">
            <button type="button" aria-pressed={revealed} onClick={() => setRevealed(!revealed)}>
              {revealed ? 'Hide' : 'Reveal'}
            </button>
            <button type="button" onClick={copy}>
              Copy
            </button>
            <span role="status">{copied ? 'Copied.' : ''}</span>
          </span>
        </dd>
        <dt>Expiry Date</dt>
        <dd data-testid="license-expiry">{license.expiry_text}</dd>
        <dt>Activation Status</dt>
        <dd data-testid="license-activations">{license.activations_text}</dd>
        <dt>License Status</dt>
        <dd>
          <StatusBadge status={license.status} />
        </dd>
        <dt>Plan</dt>
        <dd>
          {license.plan.name} ({license.plan.mode})
        </dd>
      </dl>
      <p>
        <Link href={`/console/licenses/${license.id}`}>View License Details (every activation)</Link>
      </p>
    </section>
  );
}
