/* A license's status as the order page words it: Active, Expired or Deactivated. */

const LOOK: Readonly<Record<string, { text: string; tone: string }>> = {
  active: { text: 'Active', tone: 'ok' },
  expired: { text: 'Expired', tone: 'warn' },
  deactivated: { text: 'Deactivated', tone: 'bad' },
};

export function StatusBadge({ status }: { status: string }) {
  const look = LOOK[status] ?? { text: status, tone: 'warn' };
  return (
    <span className={`badge ${look.tone}`} data-testid="license-status">
      {look.text}
    </span>
  );
}
