import assert from 'node:assert/strict';
import type { CommandInput, Output } from '../../../server/cli/command.ts';
import { supportCommands } from '../../../server/cli/commands/support.ts';

/* Runs `support reproduce` in-process, as main.ts would after parsing, and captures what it prints. */

export interface Captured {
  readonly value: unknown;
  readonly human: string;
  /** The exit code the command asks main.ts for (0 unless the result is a failure). */
  readonly exitCode: number;
}

export async function runReproduce(file: string, values: Record<string, string | boolean> = {}, productPath?: string, dataDir = ''): Promise<Captured> {
  const command = supportCommands.find((c) => c.words.join(' ') === 'support reproduce');
  assert.ok(command, 'support reproduce is exported');
  let captured = { value: undefined as unknown, human: '' };
  const out: Output = {
    json: values['json'] === true,
    result: (value, human) => (captured = { value, human }),
    note: () => {},
  };
  const input: CommandInput = { values, positionals: [file], dataDir, databaseUrl: undefined, productPath, out };
  const exitCode = (await command.run(input)) ?? 0;
  return { ...captured, exitCode };
}
