import { describeError } from '../../../shared/errors/catalog.ts';
import type { SupportLookup } from '../api/types.ts';
import { localTime } from '../format.ts';
import { Link } from './Link.tsx';

/*
 * The support lookup's answer in one view: what the customer saw (in the catalog's words), what
 * re-running their bundle gives, what this authority knows now of the license and the instance,
 * and the way to the license's page.
 */

const titleOf = (code: string | null) => (code === null ? 'Active (no problem shown)' : describeError(code).title);

function Authority({ report }: { report: SupportLookup }) {
  const facts = report.authority;
  if (facts === null) return <p className="notice">{report.authorityNote}</p>;
  const instance = facts.instance.active ? 'Active' : facts.instance.revoked ? 'Revoked' : facts.instance.history.length === 0 ? 'Never activated here' : 'Deactivated';
  return (
    <dl className="facts" data-testid="authority-now">
      <dt>License status</dt>
      <dd>{facts.status}</dd>
      <dt>Expires</dt>
      <dd>{facts.expiresAt === null ? 'Never expires' : localTime(facts.expiresAt)}</dd>
      <dt>Activations</dt>
      <dd>{facts.activations}</dd>
      <dt>Plan</dt>
      <dd>{facts.plan}</dd>
      <dt>Key now</dt>
      <dd>
        <span className="mono">{facts.keyRedacted}</span>
        {facts.keyRegenerated === true && ' (regenerated: the customer still has the old key)'}
      </dd>
      <dt>This instance</dt>
      <dd>
        {instance} <span className="mono small">({facts.instance.instanceId})</span>
      </dd>
    </dl>
  );
}

export function SupportReport({ report }: { report: SupportLookup }) {
  const { seen, reproduced, actionError, inputs } = report;
  return (
    <div className="page" data-testid="support-report">
      <section className="card" aria-labelledby="seen-title">
        <h2 id="seen-title">What the customer saw</h2>
        <p>
          <strong data-testid="customer-saw">{titleOf(seen.code)}</strong> {seen.code !== null && <span className="mono small">({seen.code})</span>}
        </p>
        {seen.code !== null && <p>{describeError(seen.code).explanation}</p>}
        {actionError && (
          <p>
            Failed action: {actionError.action} → {describeError(actionError.error.code).title} <span className="mono small">({actionError.error.code})</span>
          </p>
        )}
        <dl className="facts">
          <dt>Instance ID</dt>
          <dd className="mono">{inputs.instanceId}</dd>
          <dt>App version</dt>
          <dd>{inputs.appVersion}</dd>
          <dt>Their clock</dt>
          <dd>{localTime(new Date(inputs.clock.now).toISOString())}</dd>
        </dl>
      </section>
      <section className="card" aria-labelledby="reproduced-title">
        <h2 id="reproduced-title">Re-running their bundle</h2>
        <p>
          <strong>{reproduced.title}</strong>
          {reproduced.code !== null && <span className="mono small"> ({reproduced.code})</span>}
          {report.sameAsCustomer ? ': the same as the customer saw.' : ': this differs from what the customer saw.'}
        </p>
        <p>{reproduced.explanation}</p>
        {reproduced.failedCheck !== null && <p className="hint">{reproduced.failedCheck}</p>}
        {report.keys.problem !== null && <p className="notice">{report.keys.problem}</p>}
      </section>
      <section className="card" aria-labelledby="now-title">
        <h2 id="now-title">What the authority knows now</h2>
        <Authority report={report} />
        {report.license !== null && (
          <p className="actions">
            <Link href={`/console/licenses/${report.license.id}`}>Open License Details</Link>
            <Link href={`/console/orders/${report.license.order_id}`}>Order {report.license.order_id}</Link>
          </p>
        )}
      </section>
    </div>
  );
}
