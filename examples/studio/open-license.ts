import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLicense, parseProductConfig, type License, type ProductConfig } from 'keyhole/node';

/*
 * How Studio finds its license: the product config shipped beside it (a demo passes the demo
 * authority's with --product or KEYHOLE_PRODUCT_CONFIG) and a data folder in the user's home
 * (--data or KEYHOLE_APP_DATA_DIR instead).
 */

const here = dirname(fileURLToPath(import.meta.url));

export interface StudioPlaces {
  readonly productFile: string;
  readonly dataDir: string;
}

/** Takes `--product FILE` and `--data DIR` out of argv; what is left is the command. */
export function studioPlaces(argv: string[], env: NodeJS.ProcessEnv = process.env): { places: StudioPlaces; rest: string[] } {
  const rest: string[] = [];
  let productFile = env.KEYHOLE_PRODUCT_CONFIG || join(here, 'product.json');
  let dataDir = env.KEYHOLE_APP_DATA_DIR || join(homedir(), '.studio-example', 'license');
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i]!;
    if (word === '--product' && argv[i + 1]) productFile = argv[++i]!;
    else if (word === '--data' && argv[i + 1]) dataDir = argv[++i]!;
    else rest.push(word);
  }
  return { places: { productFile, dataDir }, rest };
}

/** Reads Studio's product config; throws an Error whose message says which file could not be used. */
export function readStudioProduct(file: string): ProductConfig {
  try {
    return parseProductConfig(JSON.parse(readFileSync(file, 'utf8')));
  } catch (error) {
    throw new Error(`cannot use the product config ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** Opens Studio's license; throws an Error whose message says which file could not be used. */
export function openStudioLicense(places: StudioPlaces, appVersion = '1.0.0'): License {
  return createLicense({ product: readStudioProduct(places.productFile), dataDir: places.dataDir, appVersion });
}
