import type { ParseArgsConfig } from 'node:util';

/*
 * The shape of one CLI command. main.ts parses the common options, finds the command by its words
 * and hands it parsed values; a command only does its one job and prints through `Output`.
 */

export type OptionsConfig = NonNullable<ParseArgsConfig['options']>;

export interface Output {
  readonly json: boolean;
  /** Prints the JSON value with --json, the human text otherwise. */
  result(value: unknown, human: string): void;
  /** A side note for people (stderr), never mixed into --json output. */
  note(text: string): void;
}

export interface CommandInput {
  readonly values: Readonly<Record<string, string | boolean | undefined>>;
  readonly positionals: readonly string[];
  readonly dataDir: string;
  /** The PostgreSQL URL (--database, $KEYHOLE_DATABASE_URL); undefined = the data dir's SQLite file. */
  readonly databaseUrl: string | undefined;
  readonly productPath: string | undefined;
  readonly out: Output;
}

export interface Command {
  /** The words that select it, e.g. ['license', 'show']. */
  readonly words: readonly string[];
  readonly summary: string;
  /** Arguments after the words, e.g. '<license-id|key>'. */
  readonly args?: string;
  readonly positionals?: number;
  readonly options?: OptionsConfig;
  /** One line per option: ['--plan ID', 'the plan to order']. */
  readonly optionHelp?: readonly (readonly [string, string])[];
  readonly details?: string;
  /** Returns the exit code when the result itself is a failure (e.g. EXIT.business); default EXIT.ok. */
  run(input: CommandInput): Promise<number | void> | number | void;
}

/** A mistake in how the CLI was called: exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export const EXIT = { ok: 0, business: 1, usage: 2, setup: 3 } as const;
