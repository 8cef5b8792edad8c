import type { ComponentType } from 'react';
import type { Params } from './router.ts';
import { AuditLogPage } from './pages/AuditLogPage.tsx';
import { LicenseDetailsPage } from './pages/LicenseDetailsPage.tsx';
import { OrderDetailsPage } from './pages/OrderDetailsPage.tsx';
import { OrdersPage } from './pages/OrdersPage.tsx';
import { OverviewPage } from './pages/OverviewPage.tsx';
import { PlanEditPage } from './pages/PlanEditPage.tsx';
import { PlansPage } from './pages/PlansPage.tsx';
import { SetPasswordPage } from './pages/SetPasswordPage.tsx';
import { SignInPage } from './pages/SignInPage.tsx';
import { SupportLookupPage } from './pages/SupportLookupPage.tsx';
import { TokensPage } from './pages/TokensPage.tsx';

/*
 * Every page of the console, in one table: its path, its title, and the navigation section it
 * belongs to. A new page is one file in pages/ and one line here (plus one in NAVIGATION if it
 * gets a menu entry). `open` pages are shown signed out, without the navigation.
 */

export interface ConsoleRoute {
  readonly pattern: string;
  readonly title: string;
  readonly page: ComponentType<{ params: Params }>;
  readonly section?: string;
  readonly open?: boolean;
}

export const ROUTES: readonly ConsoleRoute[] = [
  { pattern: '/console/sign-in', title: 'Sign in', page: SignInPage, open: true },
  { pattern: '/console/set-password', title: 'Set password', page: SetPasswordPage, open: true },
  { pattern: '/console/overview', title: 'Overview', page: OverviewPage, section: 'overview' },
  { pattern: '/console/orders', title: 'Orders', page: OrdersPage, section: 'orders' },
  { pattern: '/console/orders/:id', title: 'Order Details', page: OrderDetailsPage, section: 'orders' },
  { pattern: '/console/licenses/:id', title: 'License Details', page: LicenseDetailsPage, section: 'orders' },
  { pattern: '/console/plans', title: 'Plans', page: PlansPage, section: 'plans' },
  { pattern: '/console/plans/new', title: 'New plan', page: PlanEditPage, section: 'plans' },
  { pattern: '/console/plans/:id', title: 'Plan Details', page: PlanEditPage, section: 'plans' },
  { pattern: '/console/audit', title: 'Audit log', page: AuditLogPage, section: 'audit' },
  { pattern: '/console/tokens', title: 'API tokens', page: TokensPage, section: 'tokens' },
  { pattern: '/console/support', title: 'Support lookup', page: SupportLookupPage, section: 'support' },
];

export const NAVIGATION: readonly { readonly href: string; readonly label: string; readonly section: string }[] = [
  { href: '/console/overview', label: 'Overview', section: 'overview' },
  { href: '/console/orders', label: 'Orders', section: 'orders' },
  { href: '/console/plans', label: 'Plans', section: 'plans' },
  { href: '/console/audit', label: 'Audit log', section: 'audit' },
  { href: '/console/support', label: 'Support lookup', section: 'support' },
  { href: '/console/tokens', label: 'API tokens', section: 'tokens' },
];
