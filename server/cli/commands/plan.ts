import { PlanBody, planTerms } from '../../http/admin-schemas.ts';
import { parseBody } from '../../http/validate-request.ts';
import * as admin from '../../licensing/admin-service.ts';
import { UsageError, type Command } from '../command.ts';
import { asUsageError, parseDuration, parseLimit, parseReleaseLimit, parseVersions } from '../parse-values.ts';
import { withDataDir } from '../session.ts';
import { describePlan } from '../render.ts';

/* `keyhole plan create|list`. */

const create: Command = {
  words: ['plan', 'create'],
  summary: 'Create a plan (what every order of it licenses)',
  options: {
    name: { type: 'string' },
    limit: { type: 'string', default: 'unlimited' },
    expiry: { type: 'string', default: 'never' },
    mode: { type: 'string', default: 'online' },
    days: { type: 'string' },
    plugins: { type: 'string', default: '' },
    versions: { type: 'string', default: 'any' },
    'release-limit': { type: 'string' },
  },
  optionHelp: [
    ['--name NAME', 'plan name (required)'],
    ['--limit N|unlimited', 'activations per license, 1–100 (default unlimited)'],
    ['--expiry DURATION|never', 'e.g. 30days, 6months, 1year after the order (default never)'],
    ['--mode online|airgapped|offline|trial', 'how licenses activate (default online); trial: the free trial the app starts without a key'],
    ['--days N', 'a trial plan\'s length in days (with --mode trial, instead of --expiry)'],
    ['--plugins a,b,c', "plugin ids from the product's catalog"],
    ['--versions any|N|N+|N-M', 'app major versions covered (default any)'],
    ['--release-limit N/Mdays|none', 'slots a customer may free per period (default 3/30days); the vendor is never capped'],
  ],
  run: (input) =>
    withDataDir(input, async ({ context }) => {
      const { values } = input;
      const body = await asUsageError(() =>
        parseBody(PlanBody, {
          name: values['name'] ?? '',
          activation_limit: parseLimit(String(values['limit'])),
          expiry: trialDays(values) ?? parseDuration(String(values['expiry'])),
          mode: values['mode'],
          plugins: String(values['plugins'])
            .split(',')
            .map((id) => id.trim())
            .filter(Boolean),
          versions: parseVersions(String(values['versions'])),
          ...releaseLimitField(values['release-limit']),
        }),
      );
      const plan = await asUsageError(() => admin.createPlan(context, planTerms(body)));
      input.out.result({ plan }, `Created plan ${describePlan(plan)}`);
    }),
};

/** `--days N` is a trial's length; any other plan gives its length with --expiry. */
function trialDays(values: Record<string, unknown>) {
  if (values['days'] === undefined) return undefined;
  if (values['mode'] !== 'trial') throw new UsageError('--days is the length of a trial plan: use it with --mode trial (other plans: --expiry)');
  const days = String(values['days']);
  if (!/^\d{1,4}$/.test(days)) throw new UsageError(`--days: expected a whole number of days, got "${days}"`);
  return { value: Number(days), unit: 'days' as const };
}

function releaseLimitField(value: unknown) {
  const limit = parseReleaseLimit(value === undefined ? undefined : String(value));
  return limit === undefined ? {} : { release_limit: limit };
}

const list: Command = {
  words: ['plan', 'list'],
  summary: 'List the plans',
  run: (input) =>
    withDataDir(input, async ({ context }) => {
      const plans = await admin.listPlans(context);
      input.out.result({ plans }, plans.length === 0 ? 'No plans yet: keyhole plan create --name …' : plans.map(describePlan).join('\n'));
    }),
};

export const planCommands = [create, list];
