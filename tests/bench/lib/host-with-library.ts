/*
 * An Electron-style host's start-up with Keyhole in it, as a vendor ships it (bundled by
 * startup-library.ts): open the license of an activated store, wait for `ready`, exit.
 *   argv: <dataDir> <product config JSON file>
 */
import { readFileSync, writeSync } from 'node:fs';
import { createLicense, parseProductConfig } from 'keyhole/node';

const [dataDir, productFile] = process.argv.slice(2);
if (!dataDir || !productFile) throw new Error('usage: host-with-library <dataDir> <product.json>');
const license = createLicense({ product: parseProductConfig(JSON.parse(readFileSync(productFile, 'utf8'))), dataDir, appVersion: '1.0.0', env: {} });
const view = await license.ready;
writeSync(1, `${view.status.state}\n`);
process.exit(0);
