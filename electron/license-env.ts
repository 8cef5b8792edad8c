/**
 * Environment variables `npm start` sets for an unpackaged Electron run (demo mode). A packaged app
 * ignores them (see license-host.ts).
 */
export const DEMO_ENV = {
  /** Path of a product config JSON to use instead of the bundled build/product.json. */
  productConfig: 'KEYHOLE_PRODUCT_CONFIG',
  /** Folder for the license store instead of the user-data folder. */
  dataDir: 'KEYHOLE_DATA_DIR',
  /** 'demo' shows the demo badge. */
  mode: 'KEYHOLE_MODE',
} as const;
