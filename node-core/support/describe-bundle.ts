import { COMPONENT_LABELS, FINGERPRINT_COMPONENTS } from '../../shared/license/fingerprint.ts';
import type { SupportBundle } from '../../shared/support/bundle.ts';

/*
 * The preview a user reads before sending a bundle: one line per thing it holds, in plain words,
 * saying what is deliberately NOT in it (raw serials, the full key). The renderer shows these
 * lines as they are; the words are about the bundle, not about a license problem, so they are not
 * catalog text.
 */

const at = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/**
 * What is in the bundle, one short line per item.
 *
 * @example
 * describeBundle(bundle)[0] // "Support bundle format 1, created 2026-03-01T09:30:00Z"
 */
export function describeBundle(bundle: SupportBundle): string[] {
  const hashed = FINGERPRINT_COMPONENTS.filter((name) => bundle.fingerprint.components[name] !== null);
  const empty = FINGERPRINT_COMPONENTS.filter((name) => bundle.fingerprint.components[name] === null).map((name) => COMPONENT_LABELS[name]);
  const answer = bundle.authority.lastAnswer;
  const lines = [
    `Support bundle format ${bundle.bundleFormatVersion}, created ${at(bundle.createdAt)}`,
    `App ${bundle.app.version} on ${bundle.app.os} (${bundle.app.platform} ${bundle.app.arch})`,
    `Product ${bundle.productId}, Instance ID ${bundle.instanceId}`,
    `Machine fingerprint: ${hashed.length} of ${FINGERPRINT_COMPONENTS.length} components as salted hashes, no raw serials` +
      (empty.length ? `; not readable: ${empty.join(', ')}` : '') +
      (bundle.fingerprint.weak ? ' (weak: no hardware identifier)' : ''),
    bundle.certificate
      ? `Activation certificate (${bundle.mode ?? 'unknown'} mode): the vendor-signed text, it holds no secret`
      : 'Activation certificate: none stored',
    bundle.licenseKeyRedacted
      ? `License key: ${bundle.licenseKeyRedacted} (first and last group only, never the full key)`
      : 'License key: none stored',
    `License file protection: ${bundle.store.backend}${bundle.store.weakProtection ? ' (weak)' : ''}` +
      (bundle.store.problem ? `; unreadable: ${bundle.store.problem.hint ?? bundle.store.problem.message}` : ''),
    `Clock: ${at(bundle.clock.now)}; latest time seen ${at(bundle.clock.highestTimeSeen)}`,
    `License server ${bundle.authority.url}: ` +
      (answer ? `last answer ${answer.outcome}${answer.httpStatus ? ` (HTTP ${answer.httpStatus})` : ''} at ${at(answer.at)}` : 'no answer recorded'),
    `What you see: ${bundle.seen.code ?? 'Active'} (${bundle.seen.state})`,
  ];
  if (bundle.actionError) lines.push(`Failed action: ${bundle.actionError.action} → ${bundle.actionError.error.code}`);
  lines.push(
    `License events: the last ${bundle.events.length} (time, action, outcome, HTTP status, latency)`,
    `Log lines: the last ${bundle.logTail.length} (license keys and codes masked)`,
  );
  return lines;
}
