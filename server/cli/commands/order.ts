import * as admin from '../../licensing/admin-service.ts';
import { UsageError, type Command } from '../command.ts';
import { parseId } from '../parse-values.ts';
import { describeLicense } from '../render.ts';
import { withDataDir } from '../session.ts';

/* `keyhole order create --plan P`: one order, one license with a fresh key. */

const create: Command = {
  words: ['order', 'create'],
  summary: 'Create an order for a plan and print its new license key',
  options: { plan: { type: 'string' } },
  optionHelp: [['--plan ID', 'the plan to order (see keyhole plan list)']],
  run: (input) =>
    withDataDir(input, async ({ context }) => {
      const planFlag = input.values['plan'];
      if (typeof planFlag !== 'string') throw new UsageError('--plan ID is required (see keyhole plan list)');
      const license = await admin.createOrder(context, parseId(planFlag, '--plan'));
      input.out.result(
        { order: { id: license.order_id, created_at: license.created_at }, license },
        `Created order ${license.order_id}.\n${describeLicense(license)}`,
      );
    }),
};

export const orderCommands = [create];
