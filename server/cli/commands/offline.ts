import { auditingActivations } from '../../licensing/audit-activations.ts';
import { deactivateWithCode } from '../../offline/offline-deactivation.ts';
import { activateOffline, requestFromCode } from '../../offline/offline-requests.ts';
import type { Command } from '../command.ts';
import { withDataDir } from '../session.ts';

/*
 * `keyhole offline activate|deactivate`: the vendor's side of the manual exchange, for customers who
 * email their request or deactivation code. Same rules as the manual activation page (and the
 * online API): the activation counts against the limit; a deactivation code frees only the slot it
 * was made for.
 */

const activate: Command = {
  words: ['offline', 'activate'],
  summary: 'Turn a request code into an activation code (counts against the activation limit)',
  args: '<request-code>',
  positionals: 1,
  details: 'Prints the activation code alone on stdout, ready to send back; quote a code pasted with spaces.',
  run: (input) =>
    withDataDir(input, async ({ context }) => {
      const result = await activateOffline(auditingActivations(context), requestFromCode(input.positionals[0] as string, 'cli'));
      const { license, activation } = result;
      const limit = license.activation_limit === null ? 'unlimited' : String(license.activation_limit);
      input.out.result(result, result.certificate);
      input.out.note(
        `For Instance ID ${activation.instance_id}: license ${license.id}, ${license.plan.name} (${license.plan.mode}), ` +
          `${license.activations_used} of ${limit} activations in use.`,
      );
    }),
};

const deactivate: Command = {
  words: ['offline', 'deactivate'],
  summary: 'Free the activation slot a deactivation code was made for',
  args: '<deactivation-code>',
  positionals: 1,
  run: (input) =>
    withDataDir(input, async ({ context }) => {
      const result = await deactivateWithCode(auditingActivations(context), input.positionals[0] as string);
      const { license } = result;
      const limit = license.activation_limit === null ? 'unlimited' : String(license.activation_limit);
      const what = result.already_free ? 'was already free' : 'is free again';
      input.out.result(
        result,
        `The slot of Instance ID ${result.instance_id} ${what}: license ${license.id}, ${license.activations_used} of ${limit} activations in use.`,
      );
    }),
};

export const offlineCommands = [activate, deactivate];
