import { isLeasedMode } from '../../shared/license/certificate.ts';
import { MODE_LABELS, formatDate, formatDateTime } from '../text/labels.ts';
import { useAppState } from './app-context.ts';

/** The facts of the license information dialog, as a description list. */
export function StatusDetails() {
  const license = useAppState((s) => s.license);
  const { status, server } = license;
  const cert = status.certificate;
  const plan = server?.planName ?? cert?.plan.name ?? '—';
  const expiresAt = cert ? cert.expiresAt : (server?.expiresAt ?? undefined);
  const used = server?.activationsUsed;
  const limit = server?.activationLimit;
  const matches = cert !== null && cert.instanceId === license.instanceId && status.fingerprint?.matches !== false;
  const weak = license.weakFingerprint || status.fingerprint?.weak === true;
  const rows: [string, string, string][] = [
    ...(license.licensee ? [['licensee', 'Licensed to', license.licensee] as [string, string, string]] : []),
    ['plan', 'Plan', plan],
    ['expires', 'Expires', expiresAt === undefined ? '—' : expiresAt === null ? 'Never expires' : formatDate(expiresAt)],
    ['activations', 'Activations used', used == null ? '—' : limit == null ? `${used} (no limit)` : `${used}/${limit}`],
    ['mode', 'Mode', cert ? MODE_LABELS[cert.mode] : '—'],
    ['validated', 'Last validated', server?.lastValidatedAt ? formatDateTime(server.lastValidatedAt) : cert && !isLeasedMode(cert.mode) ? `Not needed: ${MODE_LABELS[cert.mode].toLowerCase()} license` : 'Never'],
    ['instance', 'Instance', cert ? (matches ? 'Matches this installation' : 'Does not match this installation') : '—'],
    ...(license.licenseKey ? [['key', 'License key', license.licenseKey] as [string, string, string]] : []),
  ];
  // An online license always says how long it keeps working without the server, not only once it is offline.
  if (isLeasedMode(cert?.mode) && cert?.leaseUntil) {
    rows.splice(rows.findIndex(([id]) => id === 'instance'), 0, ['lease', 'Works offline until', formatDateTime(cert.leaseUntil)]);
  }
  // Facts for support, not for deciding anything: folded away.
  const technical: [string, string, string][] = [
    ['format', 'License format version', cert ? String(cert.formatVersion) : '—'],
    ['store', 'Stored in', license.storeBackend],
  ];
  return (
    <section className="card" aria-labelledby="details-title">
      <h3 id="details-title">Details</h3>
      <DetailRows rows={rows} />
      <details className="technical" data-testid="technical-details">
        <summary>Technical details</summary>
        <DetailRows rows={technical} />
      </details>
      {weak && cert && (
        <p className="notice" data-testid="weak-fingerprint">
          No hardware identifier could be read on this computer, so only the Instance ID ties the license to it.
        </p>
      )}
    </section>
  );
}

function DetailRows({ rows }: { readonly rows: readonly (readonly [string, string, string])[] }) {
  return (
    <dl className="details">
      {rows.map(([key, term, value]) => (
        <div key={key} className="row" data-testid={`detail-${key}`}>
          <dt>{term}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
