import { createAdminToken } from '../../licensing/admin-tokens.ts';
import type { Command } from '../command.ts';
import { withDataDir } from '../session.ts';

/* `keyhole token create`: a new admin bearer token, printed once and stored only as a hash. */

const create: Command = {
  words: ['token', 'create'],
  summary: 'Create an admin API token (printed once)',
  options: { label: { type: 'string', default: 'created by keyhole token create' } },
  optionHelp: [['--label TEXT', 'a note on who or what uses the token']],
  run: (input) =>
    withDataDir(input, ({ context }) => {
      const token = createAdminToken(context.storage, String(input.values['label']), context.clock.now());
      input.out.result({ token }, token);
      input.out.note('Shown once: store it now. Use it as "Authorization: Bearer <token>" on /admin/….');
    }),
};

export const tokenCommands = [create];
