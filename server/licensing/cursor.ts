import { KeyholeError } from '../../shared/errors/keyhole-error.ts';

/*
 * Paging cursors: the id of the last row of a page, opaque to callers so the paging scheme can
 * change without breaking them. Keyset paging: the next page is "ids past this one", which costs
 * the same on the thousandth page as on the first, and no row is skipped or repeated when rows are
 * added between pages.
 */

export function encodeCursor(id: number): string {
  return Buffer.from(`k1:${id}`).toString('base64url');
}

export function decodeCursor(cursor: string): number {
  const match = /^k1:(\d{1,15})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match) throw new KeyholeError('REQUEST_INVALID', 'the cursor is not one this authority gave; start again without it');
  return Number(match[1]);
}
