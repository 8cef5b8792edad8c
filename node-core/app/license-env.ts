import { APP_DATA_DIR_ENV } from '../create-license-core.ts';

/**
 * Environment variables `npm start` sets for an unpackaged Electron run (demo mode). A packaged app
 * ignores them (see license-host.ts).
 */
export const DEMO_ENV = {
  /** Path of a product config JSON to use instead of the bundled build/product.json. */
  productConfig: 'KEYHOLE_PRODUCT_CONFIG',
  /** Folder for the license store instead of the user-data folder. */
  dataDir: APP_DATA_DIR_ENV,
  /** 'demo' shows the demo badge. */
  mode: 'KEYHOLE_MODE',
  /** A checked support bundle to show read-only instead of the local license (`npm start -- --replay`). */
  replayBundle: 'KEYHOLE_REPLAY_BUNDLE',
  /** The catalog code a generated replay bundle stands for (`npm start -- --scenario`). */
  scenario: 'KEYHOLE_SCENARIO',
} as const;
