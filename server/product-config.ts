import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseProductConfig, type ProductConfig } from '../shared/product/config.ts';
import { SetupError } from './setup-error.ts';

/* Finds and reads the product config the authority serves: build/product.json unless told otherwise. */

export const DEFAULT_PRODUCT_CONFIG = fileURLToPath(new URL('../build/product.json', import.meta.url));

export function loadProductConfig(path: string = DEFAULT_PRODUCT_CONFIG): ProductConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new SetupError(`cannot read the product config ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  try {
    return parseProductConfig(JSON.parse(text));
  } catch (error) {
    throw new SetupError(`${path}: ${(error as Error).message}`);
  }
}
