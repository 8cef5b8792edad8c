import { KeyholeError } from '../../../shared/errors/keyhole-error.ts';
import type { HandlerTable, AppInfo } from '../../../shared/ipc/contract.ts';
import type { VENDOR_CHANNELS, VendorPage } from '../../../shared/ipc/channels/vendor.ts';
import type { SupportPlatform } from './handler-deps.ts';

/* "Renew license", "Buy" and "Contact support": the address from the product config, opened by the host. */

export type VendorVerbs = Pick<HandlerTable, keyof typeof VENDOR_CHANNELS>;

/** The vendor page's address; null when the product config names none. */
export function vendorAddress(info: Pick<AppInfo, 'renewUrl' | 'buyUrl' | 'support'>, page: VendorPage): string | null {
  if (page === 'renew') return info.renewUrl;
  if (page === 'buy') return info.buyUrl;
  return `mailto:${info.support.email}`;
}

export function createVendorVerbs(info: Pick<AppInfo, 'renewUrl' | 'buyUrl' | 'support'>, platform: SupportPlatform = {}): VendorVerbs {
  return {
    async openVendorPage(page) {
      const address = vendorAddress(info, page);
      if (address === null) throw new KeyholeError('NOT_FOUND', `the product config names no ${page} page`);
      return { opened: platform.openAddress ? await platform.openAddress(address) : false, address };
    },
  };
}
