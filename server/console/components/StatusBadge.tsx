/* A license's status as the order page words it (Active, Expired or Deactivated), and the Trial mark. */

const LOOK: Readonly<Record<string, { text: string; tone: string }>> = {
  active: { text: 'Active', tone: 'ok' },
  expired: { text: 'Expired', tone: 'warn' },
  deactivated: { text: 'Deactivated', tone: 'bad' },
};

/** "Trial" beside an order the app started as a free trial; nothing beside a paid one. */
export function TrialBadge({ kind }: { kind: 'paid' | 'trial' }) {
  if (kind !== 'trial') return null;
  return (
    <span className="badge neutral" data-testid="trial-badge">
      Trial
    </span>
  );
}

export function StatusBadge({ status }: { status: string }) {
  const look = LOOK[status] ?? { text: status, tone: 'warn' };
  return (
    <span className={`badge ${look.tone}`} data-testid="license-status">
      {look.text}
    </span>
  );
}
