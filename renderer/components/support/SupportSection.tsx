import { SUPPORT_FOCUS } from '../../state/support-state.ts';
import { useActions, useAppState } from '../app-context.ts';
import { CopyButton } from '../CopyButton.tsx';
import { SupportDetailsButton } from './SupportDetailsButton.tsx';

const IDS = { save: 'support-save' } as const;

/** The status view's support corner: details for support, the bundle as a file, the logs folder. */
export function SupportSection() {
  const actions = useActions();
  const vendor = useAppState((s) => s.info.vendorName);
  const readOnly = useAppState((s) => s.info.readOnly);
  const logs = useAppState((s) => s.support.logs);
  // An error panel on screen has its own "Copy details for support"; one such button is enough.
  const panelShown = useAppState((s) => s.license.status.code !== null || s.problem !== null);
  return (
    <section className="card" aria-labelledby="support-title" data-testid="support-section">
      <h3 id="support-title">Help from support</h3>
      <p className="muted">
        If something about this license looks wrong, a support bundle shows {vendor} what this app sees. You see what is
        in it before anything is saved ("See what is in it" before copying); it never holds your full license key or hardware serial numbers.
      </p>
      <div className="actions">
        {!panelShown && <SupportDetailsButton panelId="support-section" />}
        <button id={IDS.save} type="button" className="secondary" onClick={() => void actions.support.open('save', { fromProblem: true, openerId: IDS.save })}>
          Save support bundle
        </button>
        {!readOnly && (
          <button type="button" className="secondary" onClick={() => void actions.support.openLogsFolder()}>
            Open logs folder
          </button>
        )}
      </div>
      {logs && (
        <div className="logs-folder">
          <p id={SUPPORT_FOCUS.logsFolder} tabIndex={-1} data-testid="logs-folder">
            {logs.opened ? 'Opened in your file manager: ' : 'The logs are in this folder: '}
            <code translate="no">{logs.folder}</code>
          </p>
          <CopyButton what="logs-folder" text={logs.folder} label="Copy path" accessibleLabel="Copy the logs folder path" />
        </div>
      )}
    </section>
  );
}
