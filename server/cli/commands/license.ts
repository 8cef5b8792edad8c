import * as admin from '../../licensing/admin-service.ts';
import { UsageError, type Command, type CommandInput } from '../command.ts';
import { parseExpiryDate, parseId, parseLimit } from '../parse-values.ts';
import { describeActivations, describeLicense } from '../render.ts';
import { withDataDir } from '../session.ts';

/* `keyhole license show|regenerate|limit|expiry|deactivate|activations|revoke`; REF is a license id or key. */

const REF = '<license-id|key>';

/** Irreversible actions ask for --yes rather than a prompt, so scripts and people read the same thing. */
function requireYes(input: CommandInput, what: string): void {
  if (input.values['yes'] !== true) throw new UsageError(`${what} cannot be undone: add --yes to confirm`);
}

const licenseCommand = (
  word: string,
  summary: string,
  act: (input: CommandInput, ctx: Parameters<typeof admin.showLicense>[0], ref: string) => ReturnType<typeof admin.showLicense>,
  extra: Partial<Command> = {},
): Command => ({
  words: ['license', word],
  summary,
  args: REF,
  positionals: 1,
  ...extra,
  run: (input) =>
    withDataDir(input, ({ context }) => {
      const license = act(input, context, input.positionals[0] as string);
      input.out.result({ license }, describeLicense(license));
    }),
});

const yesOption = { options: { yes: { type: 'boolean' } }, optionHelp: [['--yes', 'confirm (the action is irreversible)']] } as const;

const show = licenseCommand('show', 'Show a license: key, status, expiry, activations', (_, ctx, ref) => admin.showLicense(ctx, ref));

const regenerate = licenseCommand(
  'regenerate',
  'Issue a new key; the old key and all its activations stop working at once',
  (input, ctx, ref) => {
    requireYes(input, 'Regenerating a key');
    return admin.regenerateKey(ctx, ref);
  },
  yesOption,
);

const limit: Command = {
  ...licenseCommand('limit', 'Set the activation limit (1–100 or unlimited)', (input, ctx, ref) =>
    admin.setActivationLimit(ctx, ref, parseLimit(input.positionals[1] as string)),
  ),
  args: `${REF} <N|unlimited>`,
  positionals: 2,
};

const expiry: Command = {
  ...licenseCommand('expiry', 'Set the expiry date (kept to the hour, UTC) or never', (input, ctx, ref) =>
    admin.setExpiry(ctx, ref, parseExpiryDate(input.positionals[1] as string)),
  ),
  args: `${REF} <YYYY-MM-DD[THH:MMZ]|never>`,
  positionals: 2,
};

const deactivate = licenseCommand(
  'deactivate',
  'Permanently deactivate the license',
  (input, ctx, ref) => {
    requireYes(input, 'Deactivating a license');
    return admin.deactivateLicense(ctx, ref);
  },
  yesOption,
);

const activations: Command = {
  words: ['license', 'activations'],
  summary: 'List the activations of a license (id, name, last seen, metadata)',
  args: REF,
  positionals: 1,
  run: (input) =>
    withDataDir(input, ({ context }) => {
      const list = admin.listActivations(context, input.positionals[0] as string);
      input.out.result({ activations: list }, describeActivations(list));
    }),
};

const revoke: Command = {
  words: ['license', 'revoke'],
  summary: 'Revoke one activation, freeing its slot',
  args: `${REF} <activation-id>`,
  positionals: 2,
  run: (input) =>
    withDataDir(input, ({ context }) => {
      const id = parseId(input.positionals[1] as string, 'the activation id');
      const activation = admin.revokeActivation(context, input.positionals[0] as string, id);
      input.out.result({ activation }, `Revoked activation #${activation.id} (${activation.instance_id}).`);
    }),
};

export const licenseCommands = [show, regenerate, limit, expiry, deactivate, activations, revoke];
