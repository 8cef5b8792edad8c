import { connect } from 'node:net';

/*
 * Test support: one HTTP/1.1 request written byte for byte on a fresh loopback socket, so a test
 * can send what fetch and node:http refuse to (a target like `//[`, a bad method, junk headers).
 */

export interface RawAnswer {
  /** 0 when the server closed the socket without an answer. */
  readonly status: number;
  readonly head: string;
  readonly body: string;
}

const TIMEOUT_MS = 5000;

/** Sends `request` (the whole text, CRLFs included) to 127.0.0.1:`port` and reads until the server closes or the answer is complete. */
export function rawRequest(port: number, request: string): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port });
    const chunks: Buffer[] = [];
    const finish = () => {
      socket.destroy();
      const text = Buffer.concat(chunks).toString('latin1');
      const split = text.indexOf('\r\n\r\n');
      const head = split === -1 ? text : text.slice(0, split);
      const rest = split === -1 ? '' : text.slice(split + 4);
      const body = /\r\ntransfer-encoding: *chunked/i.test(head) ? dechunk(rest) : rest;
      resolve({ status: Number(/^HTTP\/1\.[01] (\d{3})/.exec(head)?.[1] ?? 0), head, body });
    };
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no answer within ${TIMEOUT_MS} ms to ${JSON.stringify(request.slice(0, 80))}`));
    }, TIMEOUT_MS);
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      if (isComplete(Buffer.concat(chunks).toString('latin1'))) {
        clearTimeout(timer);
        finish();
      }
    });
    socket.on('end', () => {
      clearTimeout(timer);
      finish();
    });
    socket.on('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      // A reset after the server answered (or instead of answering) is an answer too.
      if (error.code === 'ECONNRESET' || error.code === 'EPIPE') finish();
      else reject(error);
    });
    socket.write(request, 'latin1');
  });
}

/** A GET of `target` with a Host header and nothing else, the connection closed afterwards. */
export function rawGet(port: number, target: string, headers: Readonly<Record<string, string>> = {}): Promise<RawAnswer> {
  const lines = Object.entries({ host: `127.0.0.1:${port}`, connection: 'close', ...headers }).map(([name, value]) => `${name}: ${value}\r\n`);
  return rawRequest(port, `GET ${target} HTTP/1.1\r\n${lines.join('')}\r\n`);
}

function dechunk(text: string): string {
  let body = '';
  let at = 0;
  for (;;) {
    const lineEnd = text.indexOf('\r\n', at);
    const size = lineEnd === -1 ? 0 : parseInt(text.slice(at, lineEnd), 16);
    if (!(size > 0)) return body;
    body += text.slice(lineEnd + 2, lineEnd + 2 + size);
    at = lineEnd + 2 + size + 2;
  }
}

function isComplete(text: string): boolean {
  const split = text.indexOf('\r\n\r\n');
  if (split === -1) return false;
  const length = /\r\ncontent-length: *(\d+)/i.exec(text.slice(0, split + 2))?.[1];
  return length !== undefined && Buffer.byteLength(text.slice(split + 4), 'latin1') >= Number(length);
}

/**
 * Request targets and whole requests no server may die of: targets `new URL()` rejects, absolute
 * and asterisk forms, escapes, dot segments that climb into /admin, odd methods, broken headers.
 * Each entry is the full request text for a server on `port`.
 */
export function hostileRequests(port: number): readonly { readonly name: string; readonly text: string }[] {
  const host = `127.0.0.1:${port}`;
  const get = (target: string, method = 'GET') => `${method} ${target} HTTP/1.1\r\nhost: ${host}\r\nconnection: close\r\n\r\n`;
  const targets = [
    '//', '///', '//[', '//a:b@', '//%', '//x:99999/', 'http://[/', 'http://127.0.0.1/admin/plans', `http://${host}//[`,
    '*', '/%00', '/..%2f', '/..%2f..%2fetc/passwd', '/admin/..', '/admin/../admin/plans', '//admin/plans', '/.//admin/plans',
    '/%2e%2e/admin/plans', '/license/../admin/plans', `/${'a'.repeat(8000)}`, '/?%', '/#x', '/%zz/%', 'x:', '\\\\',
  ];
  return [
    ...targets.map((target) => ({ name: `GET ${target.slice(0, 40)}`, text: get(target) })),
    { name: 'OPTIONS *', text: get('*', 'OPTIONS') },
    { name: 'OPTIONS //', text: get('//', 'OPTIONS') },
    { name: 'POST //[', text: `POST //[ HTTP/1.1\r\nhost: ${host}\r\ncontent-length: 2\r\nconnection: close\r\n\r\n{}` },
    { name: 'CONNECT host:port', text: `CONNECT 127.0.0.1:${port} HTTP/1.1\r\nhost: ${host}\r\n\r\n` },
    { name: 'CONNECT //', text: `CONNECT // HTTP/1.1\r\nhost: ${host}\r\n\r\n` },
    { name: 'unknown method', text: get('/', 'BREW') },
    { name: 'no Host header', text: 'GET // HTTP/1.1\r\nconnection: close\r\n\r\n' },
    { name: 'HTTP/1.0 without Host', text: 'GET // HTTP/1.0\r\n\r\n' },
    { name: 'header without colon', text: `GET / HTTP/1.1\r\nhost: ${host}\r\njunk\r\n\r\n` },
    { name: 'control byte in a header', text: `GET / HTTP/1.1\r\nhost: ${host}\r\nx-a: \u0001\u007f\r\nconnection: close\r\n\r\n` },
    { name: 'bad content-length', text: `POST /license/activate HTTP/1.1\r\nhost: ${host}\r\ncontent-length: -1\r\n\r\n` },
    { name: 'two content-lengths', text: `POST /license/activate HTTP/1.1\r\nhost: ${host}\r\ncontent-length: 1\r\ncontent-length: 2\r\n\r\n{}` },
    { name: 'bad chunked body', text: `POST /license/activate HTTP/1.1\r\nhost: ${host}\r\ntransfer-encoding: chunked\r\nconnection: close\r\n\r\nzz\r\n` },
    { name: 'admin with a broken bearer', text: `GET //admin/plans HTTP/1.1\r\nhost: ${host}\r\nauthorization: Bearer \r\nconnection: close\r\n\r\n` },
    { name: 'not HTTP at all', text: '\u0000\u0001\u0002 hello\r\n\r\n' },
  ];
}
