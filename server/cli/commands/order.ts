import { placeOrder, searchOrders, showOrder } from '../../licensing/admin-orders.ts';
import { OrderBody, OrderQuery, orderSearch } from '../../http/admin-schemas.ts';
import { parseBody } from '../../http/validate-request.ts';
import { UsageError, type Command } from '../command.ts';
import { parseId } from '../parse-values.ts';
import { describeLicense, describeOrder, describeOrderList } from '../render.ts';
import { withDataDir } from '../session.ts';

/* `keyhole order create|list|show`: sell a license, find orders, show one with its license. */

const text = (value: string | boolean | undefined) => (typeof value === 'string' ? value : undefined);

const create: Command = {
  words: ['order', 'create'],
  summary: 'Create an order for a plan and print its new license key',
  options: { plan: { type: 'string' }, email: { type: 'string' }, name: { type: 'string' }, reference: { type: 'string' } },
  optionHelp: [
    ['--plan ID', 'the plan to order (see keyhole plan list)'],
    ['--email ADDRESS', "the customer's email"],
    ['--name NAME', "the customer's name"],
    ['--reference REF', "the order's id in your shop; creating it again prints the first order instead of a second"],
  ],
  run: (input) =>
    withDataDir(input, async ({ context }) => {
      const planFlag = text(input.values['plan']);
      if (planFlag === undefined) throw new UsageError('--plan ID is required (see keyhole plan list)');
      // The API's own schema, so the CLI and the API accept the same customers.
      const body = parseBody(OrderBody, {
        plan_id: parseId(planFlag, '--plan'),
        customer: { email: text(input.values['email']) ?? null, name: text(input.values['name']) ?? null, reference: text(input.values['reference']) ?? null },
      });
      const placed = await placeOrder(context, { planId: body.plan_id, customer: body.customer, idempotencyKey: null });
      const { license } = placed;
      input.out.result(
        { order: placed.order, license },
        `${placed.created ? 'Created' : 'Already created:'} order ${license.order_id}.\n${describeLicense(license)}`,
      );
    }),
};

const list: Command = {
  words: ['order', 'list'],
  summary: 'List orders, newest first: search by customer, order number, reference, key or Instance ID',
  options: {
    search: { type: 'string' },
    kind: { type: 'string' },
    status: { type: 'string' },
    plan: { type: 'string' },
    'expiring-within-days': { type: 'string' },
    cursor: { type: 'string' },
    limit: { type: 'string' },
  },
  optionHelp: [
    ['--search TEXT', 'an email or name (its start), an order number, a shop reference, a key (KH-M57YF-…-S8P0T) or an Instance ID'],
    ['--kind paid|trial|all', 'sold orders (default), the app\'s free trials, or both'],
    ['--status S', 'active, expired or deactivated'],
    ['--plan ID', 'orders of one plan'],
    ['--expiring-within-days N', 'active licenses that expire in the next N days'],
    ['--limit N', 'orders per page (1–100, default 25)'],
    ['--cursor C', 'the next page, as the previous page printed it'],
  ],
  run: (input) =>
    withDataDir(input, async ({ context }) => {
      const query = parseBody(
        OrderQuery,
        Object.fromEntries(
          Object.entries({
            q: input.values['search'],
            kind: input.values['kind'],
            status: input.values['status'],
            plan: input.values['plan'],
            expiring_within_days: input.values['expiring-within-days'],
            cursor: input.values['cursor'],
            limit: input.values['limit'],
          }).filter(([, value]) => typeof value === 'string'),
        ),
      );
      const page = await searchOrders(context, orderSearch(query));
      input.out.result(page, describeOrderList(page.orders, page.next_cursor));
    }),
};

const show: Command = {
  words: ['order', 'show'],
  summary: 'Show an order: its customer and its license',
  args: '<order-number>',
  positionals: 1,
  run: (input) =>
    withDataDir(input, async ({ context }) => {
      const order = await showOrder(context, parseId(input.positionals[0] as string, 'the order number'));
      input.out.result({ order }, describeOrder(order));
    }),
};

export const orderCommands = [create, list, show];
