import type { IncomingMessage } from 'node:http';
import { KeyholeError } from '../../../shared/errors/keyhole-error.ts';

/*
 * Reads an HTML form post (application/x-www-form-urlencoded, what a browser sends without
 * JavaScript) with a size limit. Only the first value of each field counts.
 */

export async function readForm(request: IncomingMessage, limitBytes: number): Promise<Map<string, string>> {
  const type = (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/x-www-form-urlencoded') {
    throw new KeyholeError('REQUEST_INVALID', 'send the form as application/x-www-form-urlencoded');
  }
  const chunks: Buffer[] = [];
  let size = 0;
  const tooLarge = () => new KeyholeError('REQUEST_INVALID', `the form is larger than ${limitBytes} bytes`);
  if (Number(request.headers['content-length'] ?? NaN) > limitBytes * 64) throw tooLarge();
  // A form just over the limit is drained so the browser shows the error page, not a reset.
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limitBytes * 64) throw tooLarge();
    if (size <= limitBytes) chunks.push(chunk);
  }
  if (size > limitBytes) throw tooLarge();
  const fields = new Map<string, string>();
  for (const [name, value] of new URLSearchParams(Buffer.concat(chunks).toString('utf8'))) {
    if (!fields.has(name)) fields.set(name, value);
  }
  return fields;
}
