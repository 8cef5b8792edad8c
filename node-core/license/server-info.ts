import type { ServerInfo } from '../../shared/ipc/contract.ts';
import type { LicenseSnapshot } from './snapshot.ts';

/*
 * The license server facts the status view shows, from a snapshot: one mapping, read by the view
 * the renderer gets (node-core/app/license-view.ts) and by the support bundle that records that screen.
 */

/** What the server said last, as the status view shows it; null before it ever described the license. */
export function toServerInfo(snapshot: LicenseSnapshot): ServerInfo | null {
  const server = snapshot.serverLicense;
  if (!server) return null;
  const validatedOk = snapshot.lastValidation?.outcome === 'ok' ? snapshot.lastValidation.at : null;
  return {
    activationsUsed: server.activationsUsed,
    activationLimit: server.activationLimit,
    planName: server.planName,
    expiresAt: server.expiresAt,
    lastValidatedAt: Math.max(validatedOk ?? 0, server.at, snapshot.activation?.activatedAt ?? 0) || null,
  };
}
