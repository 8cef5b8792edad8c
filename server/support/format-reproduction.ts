import { CATALOG } from '../../shared/errors/catalog.ts';
import { supportNote } from '../../shared/errors/support-notes.ts';
import type { SupportBundle } from '../../shared/support/bundle.ts';
import type { Reproduction } from './reproduction.ts';

/*
 * The reproduction for people (the customer's screen first, then support's view of why, then the
 * checklist for that code from shared/errors/support-notes.ts) and for tools (--json).
 */

const at = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

function answerText(answer: SupportBundle['authority']['lastAnswer']): string {
  if (answer === null) return 'no answer recorded';
  return `last answer ${answer.outcome}${answer.httpStatus === undefined ? '' : ` (HTTP ${answer.httpStatus})`} at ${at(answer.at)}`;
}

function eventText(event: SupportBundle['events'][number]): string {
  const facts = [
    event.httpStatus === undefined ? null : `HTTP ${event.httpStatus}`,
    event.latencyMs === undefined ? null : `${event.latencyMs} ms`,
    event.requestId === undefined ? null : `request ${event.requestId}`,
  ].filter(Boolean);
  return `${at(event.at)}  ${event.action} → ${event.outcome}${facts.length ? ` (${facts.join(', ')})` : ''}${event.note ? ` — ${event.note}` : ''}`;
}

/**
 * The human report: the customer's screen, then support's view of why.
 *
 * @example
 * formatReproduction(r) // "Customer saw:  LICENSE_MISMATCH (mismatch) …"
 */
export function formatReproduction(r: Reproduction): string {
  const code = r.status.code ?? 'ACTIVE';
  const { inputs } = r;
  const lines = [
    `Bundle:        ${inputs.productId}, Instance ID ${inputs.instanceId}, app ${inputs.appVersion}`,
    `Customer saw:  ${r.seen.code ?? 'ACTIVE'} (${r.seen.state})`,
    `Reproduced:    ${r.title} (${code}, state ${r.status.state})${r.sameAsCustomer ? '' : '  <- DIFFERS from what the customer saw'}`,
    '',
    r.explanation,
    '',
    `Failed check:  ${r.status.check ?? 'none'}`,
    `Why:           ${r.status.failedCheck ?? 'every check passed'}`,
    `Clock:         ${at(inputs.clock.now)} (latest time seen ${at(inputs.clock.highestTimeSeen)})`,
    `Server:        ${inputs.authority.url}: ${answerText(inputs.authority.lastAnswer)}`,
  ];
  if (inputs.weakFingerprint) lines.push('Note:          weak fingerprint: no hardware identifier was readable, the Instance ID decides');
  if (r.actionError) {
    const { action, error } = r.actionError;
    lines.push(`Failed action: ${action} → ${CATALOG[error.code].title} (${error.code})${error.hint ? `: ${error.hint}` : ''}`);
    const requestId = error.details?.['requestId'];
    if (typeof requestId === 'string') lines.push(`Request id:    ${requestId}  (on the authority: keyhole log find ${requestId})`);
  }
  if (inputs.recentEvents.length > 0) lines.push('', 'Recent license events:', ...inputs.recentEvents.map((e) => `  ${eventText(e)}`));
  const focus = r.actionError?.error.code ?? r.status.code;
  if (focus) lines.push('', `What to check (${focus}):`, ...supportNote(focus).check.map((item) => `  [ ] ${item}`));
  return lines.join('\n');
}

/**
 * The machine-readable report (`--json`).
 *
 * @example
 * reproductionJson(r).reproduced.code // "CLOCK_ROLLBACK"
 */
export function reproductionJson(r: Reproduction) {
  return {
    seen: r.seen,
    reproduced: {
      state: r.status.state,
      code: r.status.code,
      title: r.title,
      explanation: r.explanation,
      check: r.status.check,
      failedCheck: r.status.failedCheck,
      daysLeft: r.status.daysLeft ?? null,
      fingerprint: r.status.fingerprint,
    },
    sameAsCustomer: r.sameAsCustomer,
    actionError: r.actionError,
    inputs: r.inputs,
  };
}
