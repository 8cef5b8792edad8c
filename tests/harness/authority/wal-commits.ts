import { existsSync, readFileSync } from 'node:fs';

/*
 * Test support: how many transactions are committed in a SQLite database's write-ahead log, read
 * from the file itself (a commit is a frame whose header records the database size). It tells a
 * test how many commits — and so fsyncs — some work cost, without trusting the code under test.
 * Valid until SQLite restarts the log after a checkpoint (about 1000 pages), which small tests never reach.
 */

const WAL_HEADER = 32;
const FRAME_HEADER = 24;

export function countWalCommits(databasePath: string): number {
  const path = `${databasePath}-wal`;
  if (!existsSync(path)) return 0;
  const wal = readFileSync(path);
  if (wal.length < WAL_HEADER) return 0;
  const pageSize = wal.readUInt32BE(8);
  const salt = [wal.readUInt32BE(16), wal.readUInt32BE(20)];
  let commits = 0;
  for (let at = WAL_HEADER; at + FRAME_HEADER + pageSize <= wal.length; at += FRAME_HEADER + pageSize) {
    // Frames left over from before the last restart carry the old salt: the log ends there.
    if (wal.readUInt32BE(at + 8) !== salt[0] || wal.readUInt32BE(at + 12) !== salt[1]) break;
    if (wal.readUInt32BE(at + 4) !== 0) commits++;
  }
  return commits;
}
