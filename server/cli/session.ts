import { userInfo } from 'node:os';
import { resolve } from 'node:path';
import { openDataDir, type OpenedDataDir } from '../authority-data.ts';
import { systemClock } from '../clock.ts';
import type { AuditSource } from '../licensing/audit.ts';
import { actingAs } from '../licensing/context.ts';
import { loadProductConfig } from '../product-config.ts';
import { UsageError, type CommandInput } from './command.ts';

/*
 * How the CLI reaches its data: it opens the same database the server uses — the data dir's SQLite
 * file (WAL lets it do so beside a running server) or the PostgreSQL database — so the server's
 * next request sees the change. Data dir: --data, else $KEYHOLE_DATA_DIR, else ./.keyhole-authority.
 * Database: --database postgres://…, else $KEYHOLE_DATABASE_URL, else the data dir's keyhole.db.
 * Product config: --product, else the repo's build/product.json.
 */

export const DEFAULT_DATA_DIR = '.keyhole-authority';

export function resolveDataDir(flag: string | undefined): string {
  return resolve(flag ?? process.env['KEYHOLE_DATA_DIR'] ?? DEFAULT_DATA_DIR);
}

/** The PostgreSQL URL to use, or undefined for SQLite; anything else is a usage error. */
export function resolveDatabaseUrl(flag: string | undefined): string | undefined {
  const url = flag ?? process.env['KEYHOLE_DATABASE_URL'];
  if (url === undefined || url === '') return undefined;
  if (!/^postgres(ql)?:\/\//.test(url)) {
    throw new UsageError('--database must be a PostgreSQL URL (postgres://user@host/db); leave it out to use the data dir\'s SQLite file');
  }
  return url;
}

/** Runs `work` with the opened data dir and always closes it. */
export async function withDataDir<T>(input: CommandInput, work: (opened: OpenedDataDir) => T | Promise<T>): Promise<T> {
  const opened = await openDataDir(input.dataDir, loadProductConfig(input.productPath), systemClock, input.databaseUrl);
  try {
    return await work({ ...opened, context: actingAs(opened.context, cliSource()) });
  } finally {
    await opened.close();
  }
}

/** The CLI acts as `cli:<the OS user running it>` in the audit log: the CLI has no sign-in of its own. */
export function cliSource(): AuditSource {
  let user: string;
  try {
    user = userInfo().username;
  } catch {
    // No passwd entry (some containers): the environment is the next best witness.
    user = process.env['USER'] ?? process.env['USERNAME'] ?? 'unknown';
  }
  return { actor: `cli:${user}`, requestId: null };
}
