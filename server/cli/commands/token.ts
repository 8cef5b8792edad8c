import { issueAdminToken, listAdminTokens, revokeAdminToken, type AdminTokenView } from '../../licensing/admin-tokens.ts';
import type { Command } from '../command.ts';
import { parseId, parseTokenExpiry } from '../parse-values.ts';
import { printable } from '../render.ts';
import { withDataDir } from '../session.ts';

/*
 * `keyhole token create|list|revoke`: admin bearer tokens, printed once and stored only as a hash.
 * A revoke or an expiry takes effect at once, also on a running server (it reads the table per request).
 */

const shortTime = (iso: string | null, none: string) => (iso === null ? none : `${iso.slice(0, 16).replace('T', ' ')} UTC`);

function describeToken(token: AdminTokenView): string {
  const expiry = token.expires_at === null ? 'never expires' : `expires ${shortTime(token.expires_at, '')}`;
  return `#${token.id} ${token.status} — "${printable(token.label)}", created ${shortTime(token.created_at, '')}, last used ${shortTime(token.last_used_at, 'never')}, ${expiry}`;
}

const create: Command = {
  words: ['token', 'create'],
  summary: 'Create an admin API token (printed once)',
  options: { label: { type: 'string', default: 'created by keyhole token create' }, expires: { type: 'string', default: 'never' } },
  optionHelp: [
    ['--label TEXT', 'a note on who or what uses the token'],
    ['--expires DURATION|DATE', 'e.g. 90days, 6months or 2027-06-30 (UTC); default never'],
  ],
  run: (input) =>
    withDataDir(input, async ({ context }) => {
      const now = context.clock.now();
      const expiresAt = parseTokenExpiry(String(input.values['expires']), now);
      const { token } = await issueAdminToken(context.storage, context, { label: String(input.values['label']), expiresAt });
      input.out.result({ token, expires_at: expiresAt === null ? null : new Date(expiresAt).toISOString() }, token);
      input.out.note('Shown once: store it now. Use it as "Authorization: Bearer <token>" on /admin/….');
    }),
};

const list: Command = {
  words: ['token', 'list'],
  summary: 'List the admin tokens: id, label, created, last used, expiry (never the token)',
  details: 'Last use is recorded to the minute.',
  run: (input) =>
    withDataDir(input, async ({ context }) => {
      const tokens = await listAdminTokens(context.storage, context.clock.now());
      input.out.result({ tokens }, tokens.length === 0 ? 'No admin tokens: keyhole token create' : tokens.map(describeToken).join('\n'));
    }),
};

const revoke: Command = {
  words: ['token', 'revoke'],
  summary: 'Revoke an admin token; the admin API refuses it from the next request',
  args: '<token-id>',
  positionals: 1,
  run: (input) =>
    withDataDir(input, async ({ context }) => {
      const token = await revokeAdminToken(context.storage, context, parseId(input.positionals[0] as string, 'the token id'));
      input.out.result({ token }, `Revoked ${describeToken(token)}`);
    }),
};

export const tokenCommands = [create, list, revoke];
