import { resolve } from 'node:path';
import { openDataDir, type OpenedDataDir } from '../authority-data.ts';
import { systemClock } from '../clock.ts';
import { loadProductConfig } from '../product-config.ts';
import type { CommandInput } from './command.ts';

/*
 * How the CLI reaches its data: it opens the data dir's SQLite file directly (WAL lets it do so
 * beside a running server, whose next request sees the change). Data dir: --data, else
 * $KEYHOLE_DATA_DIR, else ./.keyhole-authority. Product config: --product, else the repo's
 * build/product.json.
 */

export const DEFAULT_DATA_DIR = '.keyhole-authority';

export function resolveDataDir(flag: string | undefined): string {
  return resolve(flag ?? process.env['KEYHOLE_DATA_DIR'] ?? DEFAULT_DATA_DIR);
}

/** Runs `work` with the opened data dir and always closes it. */
export async function withDataDir<T>(input: CommandInput, work: (opened: OpenedDataDir) => T | Promise<T>): Promise<T> {
  const opened = openDataDir(input.dataDir, loadProductConfig(input.productPath), systemClock);
  try {
    return await work(opened);
  } finally {
    opened.close();
  }
}
