import type { LicenseEvaluation } from '../../shared/license/evaluate.ts';
import type { SupportBundle } from '../../shared/support/bundle.ts';

/* What `keyhole support reproduce` found: made by reproduce.ts, printed by format-reproduction.ts. */

export interface Reproduction {
  readonly status: LicenseEvaluation;
  /** What the customer's screen showed, as the bundle recorded it. */
  readonly seen: SupportBundle['seen'];
  /** True when the re-run reaches the same state and code the customer saw. */
  readonly sameAsCustomer: boolean;
  readonly title: string;
  readonly explanation: string;
  /** The failed action the customer's error panel showed, if the bundle was saved from one. */
  readonly actionError: SupportBundle['actionError'] | null;
  /** The inputs support reads next to the verdict. */
  readonly inputs: {
    readonly productId: string;
    readonly instanceId: string;
    readonly appVersion: string;
    readonly clock: SupportBundle['clock'];
    readonly authority: SupportBundle['authority'];
    readonly weakFingerprint: boolean;
    /** The last five license events, oldest first. */
    readonly recentEvents: SupportBundle['events'];
  };
}
