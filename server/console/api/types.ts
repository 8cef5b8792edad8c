import type { listPlugins, pageActivations, revokeActivation } from '../../licensing/admin-service.ts';
import type { searchOrders, showOrder } from '../../licensing/admin-orders.ts';
import type { adminLicenseView, planView } from '../../licensing/license-views.ts';
import type { AdminTokenView } from '../../licensing/admin-tokens.ts';
import type { listAudit } from '../../licensing/audit-log.ts';
import type { overview } from '../../licensing/overview.ts';
import type { lookUpBundle } from '../../support/lookup.ts';

/*
 * The admin API's answers as the console reads them, named after the server's own view functions
 * (types only: nothing of the server reaches the bundle), so a renamed field is a type error here.
 */

export type Plan = ReturnType<typeof planView>;
export type Plugin = ReturnType<typeof listPlugins>[number];
export type LicenseCard = ReturnType<typeof adminLicenseView>;
export type Order = Awaited<ReturnType<typeof showOrder>>;
export type OrderPage = Awaited<ReturnType<typeof searchOrders>>;
export type ListedOrder = OrderPage['orders'][number];
export type ActivationPage = Awaited<ReturnType<typeof pageActivations>>;
export type Activation = ActivationPage['activations'][number];
export type Revoked = Awaited<ReturnType<typeof revokeActivation>>;

export type Overview = Awaited<ReturnType<typeof overview>>;
export type AuditPage = Awaited<ReturnType<typeof listAudit>>;
export type AuditEvent = AuditPage['events'][number];
export type ApiToken = AdminTokenView;
export type SupportLookup = Awaited<ReturnType<typeof lookUpBundle>>;
