import { createReadStream, existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { defaultRequestLogPath } from '../../http/request-log.ts';
import { SetupError } from '../../setup-error.ts';
import { EXIT, type Command } from '../command.ts';

/* `keyhole log find <request-id>`: the request log's line(s) for the id a customer quoted. */

interface LogLine {
  readonly time?: string;
  readonly request_id?: string;
  readonly method?: string;
  readonly route?: string;
  readonly status?: number;
  readonly ms?: number;
  readonly license?: string;
  readonly error?: string;
  readonly msg?: string;
}

/** One line as a person reads it: time, id, what was asked, how it ended. */
function describe(line: LogLine): string {
  const asked = line.method === undefined ? (line.msg ?? '') : `${line.method} ${line.route ?? ''} → ${line.status ?? '?'} in ${line.ms ?? '?'} ms`;
  const extra = [line.error === undefined ? '' : `error ${line.error}`, line.license === undefined ? '' : `license hash ${line.license}`].filter(Boolean);
  return `${line.time ?? '?'}  ${line.request_id ?? '?'}  ${asked}${extra.length > 0 ? `  (${extra.join(', ')})` : ''}`;
}

const find: Command = {
  words: ['log', 'find'],
  summary: 'Show the request log line(s) of a request id (the x-request-id / request_id a client saw)',
  args: '<request-id>',
  positionals: 1,
  options: { log: { type: 'string' } },
  optionHelp: [['--log FILE', 'the request log to search (default <data dir>/logs/authority.log)']],
  details: 'Exit 1 when no line has that id.',
  async run({ values, positionals, dataDir, out }) {
    const id = positionals[0] as string;
    const path = typeof values['log'] === 'string' ? values['log'] : defaultRequestLogPath(dataDir);
    if (!existsSync(path)) throw new SetupError(`no request log at ${path} (authority start writes it; --log FILE names another)`);
    const found: LogLine[] = [];
    const lines = createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity });
    for await (const text of lines) {
      // A cheap test first: most lines are other requests.
      if (!text.includes(id)) continue;
      try {
        const line = JSON.parse(text) as LogLine;
        if (line.request_id === id) found.push(line);
      } catch {
        // A line cut short by a crash is skipped, not fatal.
      }
    }
    if (found.length === 0) {
      out.result({ request_id: id, lines: [] }, `No request ${id} in ${path}`);
      return EXIT.business;
    }
    out.result({ request_id: id, lines: found }, found.map(describe).join('\n'));
    return EXIT.ok;
  },
};

export const logCommands = [find];
