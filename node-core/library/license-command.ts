import { CATALOG } from '../../shared/errors/catalog.ts';
import { KeyholeError, type ErrorInfo } from '../../shared/errors/keyhole-error.ts';
import type { LicenseView } from '../../shared/ipc/contract.ts';
import { trialCountdown, trialLabel } from '../../shared/license/trial.ts';
import type { License } from './license-api.ts';

/*
 * The terminal flow for a headless machine, for a vendor's own CLI to mount as its `license`
 * command. Every sentence about a license problem is the catalog's; the rest are facts (state,
 * plugin names, Instance ID, codes to carry).
 */

/** 0 ok (for `status`: features are on), 1 a license problem or refused action, 2 a usage error. */
export const EXIT = { ok: 0, license: 1, usage: 2 } as const;

export const LICENSE_USAGE = `Usage: license <command> [--json]
  status                 the license of this machine (exit 1 while features are off)
  activate KEY           activate online with a license key
  trial                  start this machine's free trial (no key; one per machine)
  validate               ask the license server now
  request-code KEY       offline step 1: the request code to take to a connected computer
  import-code CODE       offline step 3: the activation code from the manual activation page
  deactivate             free this machine's activation (online)
  deactivate-offline     remove an offline activation; prints the code that frees its slot
Exit codes: 0 ok, 1 a license problem or a refused action, 2 a usage error.`;

export interface CommandOutput {
  out(text: string): void;
  err(text: string): void;
}

/** The catalog's words for a code: title, explanation and the numbered fixes. */
export function describeProblem(info: Pick<ErrorInfo, 'code' | 'hint'>): string[] {
  const entry = CATALOG[info.code];
  return [
    `${entry.title}${info.hint ? `: ${info.hint}` : ''} [${info.code}]`,
    entry.explanation,
    ...entry.fixes.map((fix, index) => `  ${index + 1}. ${fix}`),
  ];
}

function describeView(license: License, view: LicenseView): string[] {
  const { status } = view;
  const names = status.plugins.map((id) => license.info.plugins.find((plugin) => plugin.id === id)?.name ?? id);
  return [
    `${license.info.productName}: ${status.state}${status.daysLeft === undefined ? '' : ` (${status.daysLeft} days left)`}`,
    `Plugins: ${names.length > 0 ? names.join(', ') : 'none'}`,
    `Instance ID: ${view.instanceId}`,
    ...(status.code ? describeProblem({ code: status.code }) : []),
  ];
}

// The trial's end as the terminal's locale writes a date (the status view writes it the same way).
// Made on first use: building a formatter loads the locale's data (tens of milliseconds), and every
// host that imports keyhole/node would pay for it at start-up without ever running a command.
let dateFormat: Intl.DateTimeFormat | null = null;
const formatDate = (ms: number) => (dateFormat ??= new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' })).format(new Date(ms));

type Action = (license: License, arg: string) => Promise<{ value: unknown; lines: string[]; exit?: number }>;

const viewed = (license: License, view: LicenseView) => ({ value: view, lines: describeView(license, view), exit: view.status.featuresEnabled ? EXIT.ok : EXIT.license });

const COMMANDS: Record<string, { arg?: string; run: Action }> = {
  status: { run: async (license) => viewed(license, await license.ready) },
  activate: { arg: 'KEY', run: async (license, key) => ({ ...viewed(license, await license.activate(key)), exit: EXIT.ok }) },
  trial: {
    run: async (license) => {
      const view = await license.startTrial();
      const countdown = trialCountdown(view.status.certificate, view.evaluatedAt);
      const ends = countdown && `${trialLabel(countdown.daysLeft)}, until ${formatDate(countdown.endsAt)}.`;
      return { value: { license: view, trial: countdown }, lines: [...describeView(license, view), ...(ends ? [ends] : [])] };
    },
  },
  validate: {
    run: async (license) => {
      const { license: view, problem } = await license.validateNow();
      return { value: { license: view, problem }, lines: [...describeView(license, view), ...(problem ? describeProblem(problem) : [])], exit: view.status.featuresEnabled ? EXIT.ok : EXIT.license };
    },
  },
  'request-code': {
    arg: 'KEY',
    run: async (license, key) => {
      const request = await license.requestCode(key);
      return { value: request, lines: [request.requestCode, `Manual activation page: ${request.manualActivationUrl}`, `Instance ID: ${request.instanceId}`] };
    },
  },
  'import-code': { arg: 'CODE', run: async (license, code) => ({ ...viewed(license, await license.importActivationCode(code)), exit: EXIT.ok }) },
  deactivate: { run: async (license) => ({ ...viewed(license, await license.deactivate()), exit: EXIT.ok }) },
  'deactivate-offline': {
    run: async (license) => {
      const { license: view, deactivation } = await license.deactivateOffline();
      return { value: { license: view, deactivation }, lines: [deactivation.code, `Hand it in at: ${deactivation.manualUrl}`] };
    },
  },
};

/**
 * Runs one `license …` command against an open license; resolves with the exit code.
 *
 * @example
 * process.exitCode = await runLicenseCommand(license, ['status', '--json'], { out: console.log, err: console.error });
 */
export async function runLicenseCommand(license: License, argv: readonly string[], io: CommandOutput): Promise<number> {
  const json = argv.includes('--json');
  const [name, arg, ...extra] = argv.filter((word) => word !== '--json');
  const command = name === undefined ? undefined : COMMANDS[name];
  if (name === '--help' || name === 'help') {
    io.out(LICENSE_USAGE);
    return EXIT.ok;
  }
  if (!command || (command.arg !== undefined) !== (arg !== undefined) || extra.length > 0) {
    io.err(`${name === undefined ? 'No command given' : command ? `Wrong arguments for "${name}"` : `Unknown command "${name}"`}.\n${LICENSE_USAGE}`);
    return EXIT.usage;
  }
  try {
    const { value, lines, exit = EXIT.ok } = await command.run(license, arg ?? '');
    io.out(json ? JSON.stringify(value, null, 2) : lines.join('\n'));
    return exit;
  } catch (error) {
    if (!(error instanceof KeyholeError)) throw error;
    const info = error.toInfo();
    if (json) io.out(JSON.stringify({ error: info }, null, 2));
    else io.err(describeProblem(info).join('\n'));
    return EXIT.license;
  }
}
