import { KeyholeError } from '../../shared/errors/keyhole-error.ts';
import { knownCode } from '../../shared/errors/catalog.ts';
import { redactLicenseKey } from '../../shared/format/license-key.ts';
import type { SupportBundle } from '../../shared/support/bundle.ts';

/*
 * `reproduce --against`: what the authority knows NOW of the bundle's license and instance, from
 * its admin API (GET /admin/licenses/:id and …/activations). The admin view holds the full key;
 * it is only compared (redacted) with the bundle's, to tell a regenerated key, and never printed.
 */

export interface InstanceActivation {
  readonly id: number;
  readonly status: string;
  readonly createdAt: string | null;
  readonly lastSeenAt: string | null;
  readonly endedAt: string | null;
}

export interface AuthorityFacts {
  readonly url: string;
  readonly licenseId: number;
  readonly status: string;
  readonly expiresAt: string | null;
  readonly activations: string;
  readonly plan: string;
  /** The current key, redacted. */
  readonly keyRedacted: string;
  /** True when the customer's key (redacted) is not the license's key any more. */
  readonly keyRegenerated: boolean | null;
  /** This instance's activations on the license, newest last. */
  readonly instance: { readonly instanceId: string; readonly active: boolean; readonly revoked: boolean; readonly history: readonly InstanceActivation[] };
}

async function getJson(url: string, token: string): Promise<Record<string, unknown>> {
  let response: Response;
  try {
    response = await fetch(url, { headers: { authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(10_000) });
  } catch (error) {
    throw new KeyholeError('SERVER_UNREACHABLE', `${new URL(url).origin}: ${(error as Error).message}`);
  }
  const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  if (!response.ok) {
    const info = body['error'] as { code?: unknown; hint?: unknown } | undefined;
    const code = knownCode(info?.code, 'server');
    throw new KeyholeError(code, `the authority answered ${response.status}${typeof info?.hint === 'string' ? `: ${info.hint}` : ''}`);
  }
  return body;
}

/** The fields of the admin license card the facts read (GET /admin/licenses/:ref). */
export interface LicenseCardFacts {
  readonly status: string;
  readonly expires_at: string | null;
  readonly activations_text: string;
  readonly plan: { readonly name: string; readonly mode: string };
  readonly key: string;
}

/** The fields of an activation the facts read (GET /admin/licenses/:ref/activations). */
export interface ActivationFacts {
  readonly id: number;
  readonly instance_id: string;
  readonly status: string;
  readonly created_at: string | null;
  readonly last_seen_at: string | null;
  readonly ended_at: string | null;
}

/**
 * What the authority knows of the bundle's license and instance, from its license card and
 * activations: the one reading of them, whether they came over the admin API (`--against`) or from
 * the authority itself (the console's support lookup).
 */
export function authorityFacts(
  url: string,
  bundle: SupportBundle,
  licenseId: number,
  license: LicenseCardFacts,
  activations: readonly ActivationFacts[],
): AuthorityFacts {
  const mine = activations
    .filter((a) => a.instance_id === bundle.instanceId)
    .map((a) => ({ id: Number(a.id), status: String(a.status), createdAt: a.created_at ?? null, lastSeenAt: a.last_seen_at ?? null, endedAt: a.ended_at ?? null }));
  const keyRedacted = redactLicenseKey(String(license.key));
  return {
    url,
    licenseId,
    status: String(license.status),
    expiresAt: license.expires_at ?? null,
    activations: String(license.activations_text),
    plan: `${String(license.plan?.name)} (${String(license.plan?.mode)})`,
    keyRedacted,
    keyRegenerated: bundle.licenseKeyRedacted === null ? null : bundle.licenseKeyRedacted !== keyRedacted,
    instance: {
      instanceId: bundle.instanceId,
      active: mine.some((a) => a.status === 'active'),
      revoked: mine.length > 0 && mine[mine.length - 1]?.status === 'revoked',
      history: mine,
    },
  };
}

/** Asks the authority about the license the bundle's certificate names and the bundle's instance. */
export async function askAuthority(baseUrl: string, token: string, bundle: SupportBundle, licenseId: number): Promise<AuthorityFacts> {
  const base = baseUrl.replace(/\/+$/, '');
  const license = (await getJson(`${base}/admin/licenses/${licenseId}`, token))['license'] as unknown as LicenseCardFacts;
  const list = (await getJson(`${base}/admin/licenses/${licenseId}/activations`, token))['activations'] as unknown as ActivationFacts[];
  return authorityFacts(base, bundle, licenseId, license, list);
}

/** The human lines for the facts. */
export function formatAuthorityFacts(facts: AuthorityFacts): string {
  const history = facts.instance.history.map(
    (a) => `    #${a.id} ${a.status}, activated ${a.createdAt ?? '?'}, last seen ${a.lastSeenAt ?? '?'}${a.endedAt ? `, ended ${a.endedAt}` : ''}`,
  );
  const regenerated =
    facts.keyRegenerated === null ? 'unknown (the bundle holds no key)' : facts.keyRegenerated ? `yes: the customer has a key that is no longer this license's (now ${facts.keyRedacted})` : 'no';
  return [
    `Authority now (${facts.url}):`,
    `  License ${facts.licenseId}: ${facts.status}, ${facts.plan}, expires ${facts.expiresAt ?? 'never'}, ${facts.activations}`,
    `  Key regenerated: ${regenerated}`,
    `  This instance ${facts.instance.instanceId}: ${facts.instance.active ? 'active' : facts.instance.revoked ? 'revoked' : facts.instance.history.length ? 'not active (deactivated)' : 'never activated on this license'}`,
    ...history,
  ].join('\n');
}
