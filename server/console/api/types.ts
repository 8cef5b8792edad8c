import type { pageActivations, revokeActivation } from '../../licensing/admin-service.ts';
import type { searchOrders, showOrder } from '../../licensing/admin-orders.ts';
import type { adminLicenseView, planView } from '../../licensing/license-views.ts';

/*
 * The admin API's answers as the console reads them, named after the server's own view functions
 * (types only: nothing of the server reaches the bundle), so a renamed field is a type error here.
 */

export type Plan = ReturnType<typeof planView>;
export type LicenseCard = ReturnType<typeof adminLicenseView>;
export type Order = Awaited<ReturnType<typeof showOrder>>;
export type OrderPage = Awaited<ReturnType<typeof searchOrders>>;
export type ListedOrder = OrderPage['orders'][number];
export type ActivationPage = Awaited<ReturnType<typeof pageActivations>>;
export type Activation = ActivationPage['activations'][number];
export type Revoked = Awaited<ReturnType<typeof revokeActivation>>;
