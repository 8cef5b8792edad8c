import { join } from 'node:path';
import type { ErrorCode } from '../../shared/errors/catalog.ts';
import { redactLicenseKey } from '../../shared/format/license-key.ts';
import type { FingerprintComponent } from '../../shared/license/fingerprint.ts';
import { createRotatingFile, type RotatingFileOptions } from './rotating-file.ts';
import { scrubText } from './scrub.ts';

/*
 * Structured log lines, one JSON object per line: {time, level, event, code?, …}. The API only
 * takes fields known to be safe (event names, catalog codes, HTTP status, latency, a key that was
 * redacted by `redactedKey`, component names and timings); there is no free-form object to pass a
 * secret in by accident. The one free-text field, `detail`, and then the whole line go through
 * scrubText before they are written, so even a key quoted inside an error message is masked.
 * Writing a log line never throws: a full disk must not stop a license check.
 */

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Every event the core logs; a new one is added here first. */
export const LOG_EVENTS = [
  'core.opened',
  'license.event',
  'store.kept_aside',
  'fingerprint.collected',
  'support.bundle_built',
] as const;
export type LogEvent = (typeof LOG_EVENTS)[number];

declare const REDACTED: unique symbol;
/** A license key reduced to its first and last group; only `redactedKey` makes one. */
export type RedactedKey = string & { readonly [REDACTED]: true };

/** The redacted form of a canonical key, the only key form a log line accepts. */
export function redactedKey(canonicalKey: string): RedactedKey {
  return redactLicenseKey(canonicalKey) as RedactedKey;
}

/** The only fields a log line can carry. */
export interface LogFields {
  readonly code?: ErrorCode | null;
  /** A license action: 'activate', 'validate', 'deactivate', 'change_key', … */
  readonly action?: string;
  readonly outcome?: string;
  readonly httpStatus?: number | null;
  readonly latencyMs?: number | null;
  /** The authority's id for the request, to find its line in the authority's log. */
  readonly requestId?: string | null;
  readonly key?: RedactedKey | null;
  readonly instanceId?: string;
  readonly appVersion?: string;
  readonly backend?: string;
  readonly weak?: boolean;
  readonly source?: string;
  /** Milliseconds per fingerprint component: timings only, never a value. */
  readonly ms?: Partial<Readonly<Record<FingerprintComponent, number>>>;
  readonly readable?: readonly FingerprintComponent[];
  readonly failed?: readonly FingerprintComponent[];
  readonly files?: readonly string[];
  readonly count?: number;
  /** Free text written by the core (a hint, a note); scrubbed before it is written. */
  readonly detail?: string | null;
}

const FIELD_NAMES: readonly (keyof LogFields)[] = [
  'code', 'action', 'outcome', 'httpStatus', 'latencyMs', 'requestId', 'key', 'instanceId', 'appVersion', 'backend',
  'weak', 'source', 'ms', 'readable', 'failed', 'files', 'count', 'detail',
];

export interface Logger {
  /** The folder holding the log files (for "Open logs folder"). */
  readonly folder: string;
  /** The file being written now. */
  readonly file: string;
  log(level: LogLevel, event: LogEvent, fields?: LogFields): void;
  debug(event: LogEvent, fields?: LogFields): void;
  info(event: LogEvent, fields?: LogFields): void;
  warn(event: LogEvent, fields?: LogFields): void;
  error(event: LogEvent, fields?: LogFields): void;
  /** The last `count` lines (scrubbed again on the way out), oldest first. */
  readTail(count: number): string[];
}

export interface LoggerOptions {
  /** The logs folder, usually `<dataDir>/logs`. */
  readonly folder: string;
  /** Lines below this level are not written (default 'debug': the volume is a few lines a minute). */
  readonly level?: LogLevel;
  readonly now?: () => number;
  readonly maxBytes?: RotatingFileOptions['maxBytes'];
  readonly keep?: RotatingFileOptions['keep'];
}

export const LOG_FILE_NAME = 'keyhole.log';

/** The logs folder of a core's data dir. */
export function logsFolder(dataDir: string): string {
  return join(dataDir, 'logs');
}

/** Formats one line: only known fields, the whole line scrubbed. */
export function formatLogLine(time: number, level: LogLevel, event: LogEvent, fields: LogFields = {}): string {
  const line: Record<string, unknown> = { time: new Date(time).toISOString(), level, event };
  for (const name of FIELD_NAMES) {
    const value = fields[name];
    if (value !== undefined) line[name] = name === 'detail' && typeof value === 'string' ? scrubText(value) : value;
  }
  return scrubText(JSON.stringify(line));
}

export function createLogger(options: LoggerOptions): Logger {
  const file = createRotatingFile({ path: join(options.folder, LOG_FILE_NAME), maxBytes: options.maxBytes, keep: options.keep });
  const threshold = LOG_LEVELS.indexOf(options.level ?? 'debug');
  const now = options.now ?? Date.now;
  const log = (level: LogLevel, event: LogEvent, fields?: LogFields) => {
    if (LOG_LEVELS.indexOf(level) < threshold) return;
    try {
      file.append(formatLogLine(now(), level, event, fields));
    } catch {
      // Logging is best effort: the license check it describes matters more than the line.
    }
  };
  return {
    folder: options.folder,
    file: file.path,
    log,
    debug: (event, fields) => log('debug', event, fields),
    info: (event, fields) => log('info', event, fields),
    warn: (event, fields) => log('warn', event, fields),
    error: (event, fields) => log('error', event, fields),
    readTail(count) {
      try {
        return file.tail(count).map(scrubText);
      } catch {
        return [];
      }
    },
  };
}

/**
 * The last `count` lines of the log in `folder`, for a support bundle built outside a running core.
 */
export function readLogTail(folder: string, count: number): string[] {
  return createLogger({ folder }).readTail(count);
}
