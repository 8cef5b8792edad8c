import type { Socket } from 'node:net';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { KeyholeError } from '../../shared/errors/keyhole-error.ts';
import { BodyTooLarge, errorBody, errorReply } from './error-response.ts';
import { noteErrorCode } from './request-log.ts';

/*
 * Everything that goes wrong in a request becomes a KeyholeError here, once: schema failures name
 * the field, Fastify's own refusals (body too large, broken length, bad URL) keep the catalog
 * shape, and anything unexpected is logged on the server and answered SERVER_ERROR with no detail.
 */

/** The catalog error for `error`, or null when it is unexpected (a bug: log it, answer 500). */
export function toKeyholeError(error: unknown, request: FastifyRequest, bodyLimitBytes: number): KeyholeError | null {
  if (error instanceof KeyholeError) return error;
  if (hasZodFastifySchemaValidationErrors(error)) {
    if (request.body === undefined || request.body === null) return new KeyholeError('REQUEST_INVALID', 'the body is empty: send a JSON object');
    const problems = error.validation.map((issue) => `${issue.instancePath.slice(1).replaceAll('/', '.') || '(body)'}: ${issue.message}`);
    return new KeyholeError('REQUEST_INVALID', problems.join('; '), { problems });
  }
  const code = (error as FastifyError | null)?.code;
  if (code === 'FST_ERR_CTP_BODY_TOO_LARGE') return new BodyTooLarge(bodyLimitBytes);
  if (code === 'FST_ERR_CTP_INVALID_CONTENT_LENGTH') return new KeyholeError('REQUEST_INVALID', 'the body is shorter or longer than its Content-Length');
  if (code === 'FST_ERR_BAD_URL') return new KeyholeError('REQUEST_INVALID', 'the request target is not a valid path');
  const status = (error as FastifyError | null)?.statusCode;
  if (typeof code === 'string' && code.startsWith('FST_') && typeof status === 'number' && status >= 400 && status < 500) {
    return new KeyholeError('REQUEST_INVALID', 'the request could not be read');
  }
  return null;
}

/** The catalog error to answer with; unexpected errors go to `log`, never to the client. */
export function answerableError(error: unknown, request: FastifyRequest, bodyLimitBytes: number, log: (error: unknown) => void): KeyholeError {
  const known = toKeyholeError(error, request, bodyLimitBytes);
  if (known) return known;
  log(error);
  return new KeyholeError('SERVER_ERROR');
}

/** Sends the JSON catalog body for `error` (already made answerable). */
export function sendJsonError(request: FastifyRequest, reply: FastifyReply, error: KeyholeError): FastifyReply {
  const { status, headers } = errorReply(error);
  noteErrorCode(request, error.code);
  return reply.code(status).headers({ ...headers, 'x-request-id': request.id }).type('application/json; charset=utf-8').send(errorBody(error, request.id));
}

/**
 * For what the HTTP parser refuses before there is a request (broken headers, a header block over
 * the limit, a request that did not arrive in time): a catalog body written on the socket, then
 * the socket closed. Nothing is written once an answer has started.
 */
export function answerClientError(error: NodeJS.ErrnoException, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const pending = (socket as Socket & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
  if (socket.writable && !pending?.headersSent) {
    const [status, reason, hint] =
      error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'Request Timeout', 'the request did not arrive in time']
        : error.code === 'HPE_HEADER_OVERFLOW'
          ? [431, 'Request Header Fields Too Large', 'the request headers are too large']
          : [400, 'Bad Request', 'the request is not valid HTTP'];
    const text = JSON.stringify(errorBody(new KeyholeError('REQUEST_INVALID', hint)));
    socket.write(
      `HTTP/1.1 ${status} ${reason}\r\ncontent-type: application/json; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(text)}\r\nconnection: close\r\n\r\n${text}`,
    );
  }
  socket.destroy();
}
