import { isLeasedMode } from '../../../shared/license/certificate.ts';
import { MODE_LABELS, formatDate } from '../../text/labels.ts';
import { useAppState } from '../app-context.ts';

/** In place of "Re-validate now" for licenses that never call the license server. */
export function OfflineModeNote() {
  const certificate = useAppState((s) => s.license.status.certificate);
  if (!certificate || isLeasedMode(certificate.mode)) return null;
  const until = certificate.expiresAt === null ? 'it never expires' : `it works until ${formatDate(certificate.expiresAt)}`;
  return (
    <p className="muted mode-note" data-testid="offline-mode-note">
      {MODE_LABELS[certificate.mode]} license: this app never contacts the license server for it, so there is nothing to
      re-validate; {until}. To renew, enter a new activation code under “Activate offline”
      {certificate.mode === 'airgapped' ? ' or activate online once' : ''}.
    </p>
  );
}
