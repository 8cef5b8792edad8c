import { readStudioProduct, studioPlaces } from './open-license.ts';
import { startStudio } from './studio-host.ts';

/*
 * Runs Studio in a browser: `npm run studio -- [--product FILE] [--data DIR] [--port N]`, then
 * open the printed address. With `npm start` running, `--product .keyhole-demo/product.json`
 * points Studio at the demo authority and its keys.
 */

const { places, rest } = studioPlaces(process.argv.slice(2));
const portAt = rest.indexOf('--port');
const port = portAt >= 0 ? Number(rest[portAt + 1]) : 0;

async function main(): Promise<void> {
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error('--port takes a number from 0 to 65535');
  const product = readStudioProduct(places.productFile);
  const studio = await startStudio({ product, dataDir: places.dataDir, appVersion: '1.0.0', port });
  console.log(`Studio is at ${studio.url}`);
  const stop = () => void studio.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(`studio: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(3);
});
