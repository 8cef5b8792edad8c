import { KeyholeError } from '../../shared/errors/keyhole-error.ts';
import { parseInstanceId } from '../../shared/format/instance-id.ts';
import { parseLicenseKey } from '../../shared/format/license-key.ts';
import { decodeRequestCode } from '../../shared/license/offline-codes.ts';
import { UNKNOWN_FINGERPRINT } from '../http/validate-request.ts';
import type { LicensingContext } from '../licensing/context.ts';
import { activate, type ActivationRequest } from '../licensing/public-service.ts';

/*
 * Offline activation on the authority: what the customer brought (a request code, or the license
 * key and Instance ID typed separately) becomes the same ActivationRequest the online route builds,
 * and goes through the same `activate` — every rule (expired, deactivated, limit, unknown key)
 * applies unchanged; only offline-only plans are welcome here. Used by the manual activation page,
 * POST /admin/offline-activations and `keyhole offline activate`.
 */

/** Where an offline activation came from, recorded as activation metadata for the vendor. */
export type OfflineSource = 'manual_page' | 'admin_api' | 'cli';

/** A pasted request code as an activation request; a damaged code is LICENSE_FORMAT_INVALID with a located hint. */
export function requestFromCode(requestCode: string, source: OfflineSource): ActivationRequest {
  const request = decodeRequestCode(requestCode);
  const { major, minor, patch } = request.appVersion;
  return {
    licenseKey: request.licenseKey,
    instanceId: request.instanceId,
    instanceName: null,
    fingerprint: request.fingerprint,
    metadata: {
      app_version: `${major}.${minor}.${patch}`,
      requested_at: new Date(request.createdAt).toISOString(),
      offline_via: source,
    },
  };
}

/**
 * The Inedo / NocoBase way: key and Instance ID typed separately. There is no fingerprint, so the
 * certificate binds to the Instance ID alone (every component "unknown").
 */
export function requestFromKeyAndInstance(licenseKey: string, instanceId: string, source: OfflineSource): ActivationRequest {
  return {
    licenseKey: parseLicenseKey(licenseKey),
    instanceId: userInstanceId(instanceId),
    instanceName: null,
    fingerprint: UNKNOWN_FINGERPRINT,
    metadata: { offline_via: source },
  };
}

/** Issues the activation code for an offline request: the online service, offline channel. */
export function activateOffline(ctx: LicensingContext, request: ActivationRequest) {
  return activate(ctx, request, 'offline');
}

/** Typed by a person, so a malformed Instance ID is a format error with the format's hint, named as such. */
function userInstanceId(input: string): string {
  try {
    return parseInstanceId(input);
  } catch (error) {
    if (error instanceof KeyholeError) {
      throw new KeyholeError('LICENSE_FORMAT_INVALID', `Instance ID: ${error.hint ?? error.message}`, { field: 'instance_id' });
    }
    throw error;
  }
}
