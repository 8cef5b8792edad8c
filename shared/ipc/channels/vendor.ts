import { z } from 'zod';
import { returns } from '../returns.ts';

/*
 * The vendor's pages an error panel sends the user to ("Renew license", "Contact support").
 * The renderer names which page; the address comes from the product config in main, so a
 * compromised page cannot make main open an address of its choosing.
 */

/** The pages: renew and buy come from the product config's renewUrl and buyUrl, contact is the support email. */
export const VENDOR_PAGES = ['renew', 'contact', 'buy'] as const;
export type VendorPage = (typeof VENDOR_PAGES)[number];

/** The outcome of opening a vendor page. */
export interface OpenedPage {
  /** True when the host opened it (Electron: the default browser or mail app). */
  readonly opened: boolean;
  /** The address, for the renderer to open itself (browser host) or to show and copy. */
  readonly address: string;
}

export const VENDOR_CHANNELS = {
  /** Opens the vendor page `page`; fails with NOT_FOUND when the product config names none. */
  openVendorPage: {
    channel: 'keyhole:vendor:open-page',
    request: z.tuple([z.enum(VENDOR_PAGES)]),
    response: returns<OpenedPage>(),
  },
} as const;
