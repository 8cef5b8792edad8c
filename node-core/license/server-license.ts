import type { ServerLicenseInfo } from '../store/license-state.ts';
import type { WireLicense } from '../authority/wire.ts';

/** What the store keeps of the authority's license description. */
export function toServerLicenseInfo(
  license: WireLicense | undefined,
  at: number,
  fallbackPlugins: readonly string[],
  knownLicensee: string | null = null,
): ServerLicenseInfo | null {
  if (!license) return null;
  const plan = license.plan;
  return {
    at,
    status: license.status ?? 'unknown',
    expiresAt: license.expires_at ?? null,
    activationLimit: license.activation_limit ?? null,
    activationsUsed: license.activations_used ?? null,
    planName: typeof plan === 'string' ? plan : (plan?.name ?? null),
    plugins: license.plugins ?? [...fallbackPlugins],
    licensee: license.licensee ?? knownLicensee,
  };
}
