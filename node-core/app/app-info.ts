import type { AppInfo } from '../../shared/ipc/contract.ts';
import type { ProductConfig } from '../../shared/product/config.ts';

export interface AppInfoFacts {
  readonly appVersion: string;
  readonly mode: AppInfo['mode'];
  readonly host: AppInfo['host'];
  readonly readOnly?: boolean;
}

/** What the screens need from the product config and the running host. */
export function toAppInfo(product: ProductConfig, facts: AppInfoFacts): AppInfo {
  return {
    productName: product.productName,
    vendorName: product.vendorName,
    appVersion: facts.appVersion,
    plugins: product.plugins.map(({ id, name, description }) => ({ id, name, description })),
    renewUrl: product.renewUrl ?? null,
    buyUrl: product.buyUrl ?? null,
    trialOffered: product.trialPlan !== undefined,
    urlScheme: product.urlScheme ?? null,
    support: { email: product.support.email, ...(product.support.url ? { url: product.support.url } : {}) },
    // The default mirrors the product config's documented one (authorityUrl + '/activate').
    manualActivationUrl: product.manualActivationUrl ?? `${product.authorityUrl.replace(/\/+$/, '')}/activate`,
    mode: facts.mode,
    readOnly: facts.readOnly ?? false,
    host: facts.host,
    offlineActivation: true,
  };
}
