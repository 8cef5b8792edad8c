import type { Command } from './command.ts';

/* Help texts, built from the command table so they never drift from what the CLI accepts. */

export const COMMON_HELP: readonly (readonly [string, string])[] = [
  ['--data DIR', 'authority data dir (default $KEYHOLE_DATA_DIR, else ./.keyhole-authority)'],
  ['--database URL', "postgres://… to keep the data in PostgreSQL (default $KEYHOLE_DATABASE_URL, else the data dir's SQLite file)"],
  ['--product FILE', 'product config (default build/product.json of this repo)'],
  ['--json', 'machine-readable output on stdout'],
  ['-h, --help', 'show help'],
];

const EXIT_HELP = 'Exit codes: 0 ok, 1 license or business error, 2 usage error, 3 cannot open the data dir or product config.';

function table(rows: readonly (readonly [string, string])[]): string {
  const width = Math.max(...rows.map(([left]) => left.length));
  return rows.map(([left, right]) => `  ${left.padEnd(width)}  ${right}`).join('\n');
}

export function commandHelp(command: Command): string {
  const usage = `keyhole ${command.words.join(' ')}${command.args ? ` ${command.args}` : ''} [options]`;
  return [
    `Usage: ${usage}`,
    '',
    command.summary + '.',
    ...(command.details ? ['', command.details] : []),
    '',
    'Options:',
    table([...(command.optionHelp ?? []), ...COMMON_HELP]),
    '',
    EXIT_HELP,
  ].join('\n');
}

export function overviewHelp(commands: readonly Command[], group?: string): string {
  const shown = commands.filter((command) => group === undefined || command.words[0] === group);
  return [
    `Usage: keyhole ${group ?? '<command>'} ${group ? '<action>' : ''} [options]`.replace(/\s+\[/, ' ['),
    '',
    'The Keyhole license authority: data dir, server, plans, orders, licenses, admin tokens.',
    'The CLI works on the data dir directly (SQLite, safe beside a running server).',
    '',
    'Commands:',
    table(shown.map((command) => [`${command.words.join(' ')}${command.args ? ` ${command.args}` : ''}`, command.summary])),
    '',
    'Common options:',
    table(COMMON_HELP),
    '',
    `Run "keyhole <command> --help" for a command's options. ${EXIT_HELP}`,
  ].join('\n');
}
