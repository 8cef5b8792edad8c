import { FOCUS } from '../state/focus.ts';
import { useAppState } from './app-context.ts';
import { CopyButton } from './CopyButton.tsx';

/** The Instance ID, large and grouped, with its copy button and what it is. */
export function InstanceIdCard() {
  const instanceId = useAppState((s) => s.license.instanceId);
  const vendor = useAppState((s) => s.info.vendorName);
  return (
    <section className="card instance" aria-labelledby="instance-title">
      <h3 id="instance-title">Instance ID</h3>
      <div className="instance-row">
        <p className="instance-id" data-testid="instance-id" translate="no">
          {instanceId}
        </p>
        <CopyButton id={FOCUS.instanceId} what="instanceId" text={instanceId} label="Copy" accessibleLabel="Copy Instance ID" />
      </div>
      <p className="muted">
        It identifies this installation on this computer; {vendor} may ask for it. It stays the same across restarts and
        updates, and changes when the app&apos;s data moves to another computer or most of its hardware is replaced.
      </p>
    </section>
  );
}
