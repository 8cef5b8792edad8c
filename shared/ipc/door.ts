import { fallbackCode, isErrorCode } from '../errors/catalog.ts';
import { KeyholeError, type ErrorInfo } from '../errors/keyhole-error.ts';
import { CHANNELS, type HandlerTable, type Result, type Verb } from './contract.ts';

/*
 * The one door into main, independent of how a call arrived (Electron IPC or the browser host's
 * HTTP): the channel must be in the contract, the arguments must pass its schema, and whatever the
 * handler throws leaves as an ErrorInfo — never a stack trace. The transports add their own sender
 * checks in front (frame and origin in Electron; secret, Host and Origin over HTTP).
 */

const BY_CHANNEL = new Map<string, Verb>(
  (Object.keys(CHANNELS) as Verb[]).map((verb) => [CHANNELS[verb].channel, verb]),
);

/** Something the door reports to the host's log, without crossing to the renderer. */
export type DoorLog = (message: string, error?: unknown) => void;

export interface Door {
  /** Runs one call; always resolves, never rejects. */
  call(channel: string, args: unknown): Promise<Result<unknown>>;
}

/**
 * Turns anything thrown into what may cross a boundary. A KeyholeError keeps its code, hint and
 * details; an unexpected error becomes INTERNAL_ERROR and is only logged.
 *
 * @example
 * toErrorInfo(new KeyholeError('LICENSE_EXPIRED')).code // "LICENSE_EXPIRED"
 */
export function toErrorInfo(error: unknown, log?: DoorLog): ErrorInfo {
  if (error instanceof KeyholeError) return error.toInfo();
  // A KeyholeError from another copy of the module (bundles) still carries a catalog code.
  const code = (error as { code?: unknown } | null)?.code;
  if (error instanceof Error && isErrorCode(code) && typeof (error as KeyholeError).toInfo === 'function') {
    return (error as KeyholeError).toInfo();
  }
  log?.('unexpected error in a handler', error);
  return new KeyholeError(fallbackCode('app')).toInfo();
}

/**
 * Wraps a handler table into the door every host uses.
 *
 * @example
 * const door = createDoor(handlers);
 * await door.call('keyhole:license:status', []) // { ok: true, value: … }
 */
export function createDoor(handlers: HandlerTable, log?: DoorLog): Door {
  return {
    async call(channel, args) {
      const verb = BY_CHANNEL.get(channel);
      if (verb === undefined) {
        return { ok: false, error: new KeyholeError('REQUEST_INVALID', `unknown channel "${channel}"`).toInfo() };
      }
      const parsed = CHANNELS[verb].request.safeParse(args);
      if (!parsed.success) {
        const where = parsed.error.issues.map((issue) => issue.path.join('.') || 'arguments').join(', ');
        return { ok: false, error: new KeyholeError('REQUEST_INVALID', `bad arguments for ${verb}: ${where}`).toInfo() };
      }
      try {
        const handler = handlers[verb] as (...a: unknown[]) => unknown;
        const value = await handler(...(parsed.data as unknown[]));
        return { ok: true, value };
      } catch (error) {
        return { ok: false, error: toErrorInfo(error, log) };
      }
    },
  };
}
