import type { IncomingMessage } from 'node:http';
import { KeyholeError } from '../../shared/errors/keyhole-error.ts';

/*
 * Reads a JSON request body with a size limit. A body just over the limit is drained (up to a
 * cap) so the client reads a proper 400 instead of a reset connection; a huge one is cut off.
 */

const DRAIN_CAP_FACTOR = 64;

export class BodyTooLarge extends KeyholeError {}

export async function readJsonBody(request: IncomingMessage, limitBytes: number): Promise<unknown> {
  const tooLarge = () =>
    new BodyTooLarge('REQUEST_INVALID', `the body is larger than the limit of ${limitBytes} bytes`, { limit_bytes: limitBytes });
  const declared = Number(request.headers['content-length'] ?? NaN);
  if (declared > limitBytes * DRAIN_CAP_FACTOR) throw tooLarge();

  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limitBytes * DRAIN_CAP_FACTOR) throw tooLarge();
    if (size <= limitBytes) chunks.push(chunk);
  }
  if (size > limitBytes) throw tooLarge();
  if (size === 0) return undefined;

  const text = Buffer.concat(chunks).toString('utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new KeyholeError('REQUEST_INVALID', `the body is not valid JSON: ${(error as Error).message}`);
  }
}
