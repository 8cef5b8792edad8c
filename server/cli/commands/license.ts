import { toCertificateHour } from '../../../shared/license/certificate.ts';
import { OrderQuery, orderSearch } from '../../http/admin-schemas.ts';
import { parseBody } from '../../http/validate-request.ts';
import { searchOrders } from '../../licensing/admin-orders.ts';
import * as admin from '../../licensing/admin-service.ts';
import { formatInstant } from '../../licensing/license-rules.ts';
import { UsageError, type Command, type CommandInput } from '../command.ts';
import { asUsageError, parseExpiryInput, parseId, parseLimit, resolveExpiry } from '../parse-values.ts';
import { describeActivations, describeLicense, describeOrderList, printable } from '../render.ts';
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
    withDataDir(input, async ({ context }) => {
      const license = await act(input, context, input.positionals[0] as string);
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
  words: ['license', 'expiry'],
  summary: 'Set the expiry: a date, +N days|months|years, or never (kept to the hour, UTC)',
  args: `${REF} <YYYY-MM-DD[THH:MM[Z|±HH:MM]]|+DURATION|never>`,
  positionals: 2,
  options: { yes: { type: 'boolean' } },
  optionHelp: [['--yes', 'confirm an expiry in the past (the license is expired at once)']],
  details: [
    'A date must exist (2027-02-30 is refused); a time without an offset is UTC. The expiry is rounded up to the hour.',
    '+DURATION (+90days, +3months, +1year) is added to the current expiry, or to now when the license never',
    'expires or has already expired. Prints the expiry before → after.',
  ].join('\n'),
  run: (input) =>
    withDataDir(input, async ({ context }) => {
      const ref = input.positionals[0] as string;
      const wanted = parseExpiryInput(input.positionals[1] as string);
      const before = await admin.showLicense(context, ref);
      const now = context.clock.now();
      const target = resolveExpiry(wanted, before.expires_at === null ? null : Date.parse(before.expires_at), now);
      if (target !== null && toCertificateHour(target) <= now && input.values['yes'] !== true) {
        throw new UsageError(
          `${formatInstant(toCertificateHour(target))} is in the past: license ${before.id} would be expired at once and its apps would stop at their next check; add --yes to set it anyway`,
        );
      }
      const license = await asUsageError(() => admin.setExpiry(context, ref, target));
      input.out.result(
        { license, previous_expires_at: before.expires_at },
        `Expiry: ${before.expiry_text} → ${license.expiry_text}\n${describeLicense(license)}`,
      );
    }),
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
    withDataDir(input, async ({ context }) => {
      const list = await admin.listActivations(context, input.positionals[0] as string);
      input.out.result({ activations: list }, describeActivations(list));
    }),
};

const revoke: Command = {
  words: ['license', 'revoke'],
  summary: 'Revoke one activation, freeing its slot',
  args: `${REF} <activation-id>`,
  positionals: 2,
  details:
    'An online machine stops at its next check-in. An air-gapped or offline machine never checks in: it keeps working until the license expires.',
  run: (input) =>
    withDataDir(input, async ({ context }) => {
      const id = parseId(input.positionals[1] as string, 'the activation id');
      const revoked = await admin.revokeActivation(context, input.positionals[0] as string, id);
      const { activation } = revoked;
      const lines = [`Revoked activation #${activation.id} (${printable(activation.instance_id)}).`];
      if (revoked.warning !== undefined) lines.push(`Warning: ${revoked.warning}`);
      input.out.result(revoked, lines.join('\n'));
    }),
};

const find: Command = {
  words: ['license', 'find'],
  summary: 'Find licenses by customer email or name, order number, shop reference, key (even redacted) or Instance ID',
  args: '<email|name|order-number|reference|KH-XXXXX-…-XXXXX|instance-id>',
  positionals: 1,
  options: { kind: { type: 'string', default: 'all' } },
  optionHelp: [['--kind paid|trial|all', "sold licenses, the app's free trials, or both (default all: a trial's key is found like any other)"]],
  details: 'A key as a support bundle shows it (KH-M57YF-…-S8P0T, or with "...") is enough. Prints the 25 newest matches; `order list --search` pages further.',
  run: (input) =>
    withDataDir(input, async ({ context }) => {
      const query = parseBody(OrderQuery, { q: input.positionals[0], kind: input.values['kind'], limit: '25' });
      const page = await searchOrders(context, orderSearch(query));
      input.out.result(page, describeOrderList(page.orders, null));
    }),
};

export const licenseCommands = [find, show, regenerate, limit, expiry, deactivate, activations, revoke];
