import { parseArgs } from 'node:util';
import { CATALOG } from '../../shared/errors/catalog.ts';
import { KeyholeError } from '../../shared/errors/keyhole-error.ts';
import { errorBody } from '../http/error-response.ts';
import { SetupError } from '../setup-error.ts';
import { EXIT, UsageError, type Command, type Output } from './command.ts';
import { auditCommands } from './commands/audit.ts';
import { authorityCommands } from './commands/authority.ts';
import { backupCommands } from './commands/backup.ts';
import { licenseCommands } from './commands/license.ts';
import { logCommands } from './commands/log.ts';
import { offlineCommands } from './commands/offline.ts';
import { orderCommands } from './commands/order.ts';
import { planCommands } from './commands/plan.ts';
import { supportCommands } from './commands/support.ts';
import { tokenCommands } from './commands/token.ts';
import { userCommands } from './commands/user.ts';
import { commandHelp, overviewHelp } from './help.ts';
import { printableJson } from './render.ts';
import { resolveDatabaseUrl, resolveDataDir } from './session.ts';

/*
 * The `keyhole` CLI entry: finds the command, parses its options (node:util parseArgs, strict),
 * runs it and turns any failure into one line on stderr and an exit code (see help.ts). Stack
 * traces only with KEYHOLE_DEBUG=1.
 */

/** Every command the CLI has: dispatch, help and the audit coverage test read this one list. */
export const COMMANDS: readonly Command[] = [...authorityCommands, ...backupCommands, ...planCommands, ...orderCommands, ...licenseCommands, ...offlineCommands, ...tokenCommands, ...userCommands, ...supportCommands, ...auditCommands, ...logCommands];

const COMMON_OPTIONS = {
  data: { type: 'string' },
  database: { type: 'string' },
  product: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Where the CLI writes: the process's own streams, or a test's running commands in its process. */
export interface Streams {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
}

export async function main(argv: readonly string[], streams: Streams = process): Promise<number> {
  const json = argv.includes('--json');
  try {
    return await dispatch(argv, streams);
  } catch (error) {
    return report(error, json, argv, streams);
  }
}

async function dispatch(argv: readonly string[], streams: Streams): Promise<number> {
  const [first, second] = argv;
  if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
    const ok = first !== undefined;
    (ok ? streams.stdout : streams.stderr).write(overviewHelp(COMMANDS) + '\n');
    return ok ? EXIT.ok : EXIT.usage;
  }
  const command = COMMANDS.find((c) => c.words[0] === first && c.words[1] === second);
  if (!command) {
    const isGroup = COMMANDS.some((c) => c.words[0] === first);
    if (isGroup && (second === undefined || second === '--help' || second === '-h')) {
      (second ? streams.stdout : streams.stderr).write(overviewHelp(COMMANDS, first) + '\n');
      return second ? EXIT.ok : EXIT.usage;
    }
    throw new UsageError(isGroup ? `unknown command "${first} ${second}"` : `unknown command "${first}"`);
  }

  const { values, positionals } = parseArgs({
    args: argv.slice(2) as string[],
    options: { ...COMMON_OPTIONS, ...command.options },
    allowPositionals: true,
    strict: true,
  });
  if (values.help) {
    streams.stdout.write(commandHelp(command) + '\n');
    return EXIT.ok;
  }
  const expected = command.positionals ?? 0;
  if (positionals.length !== expected) {
    throw new UsageError(
      expected === 0
        ? `unexpected argument "${positionals[0]}"`
        : `expected ${command.args}, got ${positionals.length === 0 ? 'nothing' : positionals.map((p) => `"${p}"`).join(' ')}`,
    );
  }
  const code = await command.run({
    values: values as Record<string, string | boolean | undefined>,
    positionals,
    dataDir: resolveDataDir(values.data as string | undefined),
    databaseUrl: resolveDatabaseUrl(values.database as string | undefined),
    productPath: values.product as string | undefined,
    out: output(values.json === true, streams),
  });
  return code ?? EXIT.ok;
}

/** The most specific help that exists for what was typed. */
function helpCommandFor(argv: readonly string[]): string {
  const [first, second] = argv;
  if (COMMANDS.some((c) => c.words[0] === first && c.words[1] === second)) return `keyhole ${first} ${second} --help`;
  if (COMMANDS.some((c) => c.words[0] === first)) return `keyhole ${first} --help`;
  return 'keyhole --help';
}

function output(json: boolean, streams: Streams): Output {
  return {
    json,
    result: (value, human) => streams.stdout.write((json ? printableJson(value) : human) + '\n'),
    note: (text) => {
      if (!json) streams.stderr.write(text + '\n');
    },
  };
}

function report(error: unknown, json: boolean, argv: readonly string[], streams: Streams): number {
  if (process.env['KEYHOLE_DEBUG'] === '1') console.error(error);
  if (error instanceof KeyholeError) {
    if (json) streams.stdout.write(printableJson(errorBody(error)) + '\n');
    streams.stderr.write(`keyhole: ${CATALOG[error.code].title}${error.hint ? `: ${error.hint}` : ''} [${error.code}]\n`);
    return EXIT.business;
  }
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (error instanceof UsageError || (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS'))) {
    streams.stderr.write(`keyhole: ${(error as Error).message}\nRun "${helpCommandFor(argv)}" for usage.\n`);
    return EXIT.usage;
  }
  if (error instanceof SetupError || (typeof code === 'string' && /^(SQLITE_|E[A-Z]+$)/.test(code))) {
    streams.stderr.write(`keyhole: ${(error as Error).message}\n`);
    return EXIT.setup;
  }
  streams.stderr.write(`keyhole: unexpected error: ${(error as Error)?.message ?? String(error)} (KEYHOLE_DEBUG=1 shows details)\n`);
  return EXIT.business;
}

