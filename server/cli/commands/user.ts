import { addConsoleUser } from '../../licensing/console-users.ts';
import { UsageError, type Command } from '../command.ts';
import { printable } from '../render.ts';
import { withDataDir } from '../session.ts';

/*
 * `keyhole user add|list`: people who sign in to the vendor console. Adding one prints a sign-in
 * link, single use and valid 24 hours, where the user sets a password. The token sits after `#`,
 * so browsers never send it to the server in the request line or to another site as a referrer.
 */

const add: Command = {
  words: ['user', 'add'],
  summary: 'Add a console user and print their one-time sign-in link',
  options: { email: { type: 'string' }, role: { type: 'string' }, url: { type: 'string', default: 'http://127.0.0.1:4780' } },
  optionHelp: [
    ['--email ADDRESS', 'the user signs in with it'],
    ['--role admin|support', 'admin may change everything; support may look everything up and change nothing'],
    ['--url URL', "the authority's address as the user's browser reaches it (default http://127.0.0.1:4780)"],
  ],
  run: (input) =>
    withDataDir(input, async ({ context }) => {
      const email = input.values['email'];
      const role = input.values['role'];
      if (typeof email !== 'string' || !/^[^\s@]+@[^\s@]+$/.test(email.trim())) throw new UsageError('--email ADDRESS is required (the user signs in with it)');
      if (role !== 'admin' && role !== 'support') throw new UsageError('--role is admin or support');
      const base = String(input.values['url']).replace(/\/+$/, '');
      if (!/^https?:\/\/[^\s/]+$/.test(base)) throw new UsageError(`--url is the authority's address like https://licenses.example.com, not "${base}"`);
      const created = await addConsoleUser(context, email, role);
      const link = `${base}/console/set-password#token=${created.linkToken}`;
      input.out.result(
        { user: { email: created.user.email, role: created.user.role }, sign_in_link: link, expires_at: new Date(created.linkExpiresAt).toISOString() },
        `Added ${printable(created.user.email)} (${role}). Sign-in link, single use, valid 24 hours:\n${link}`,
      );
    }),
};

const list: Command = {
  words: ['user', 'list'],
  summary: 'List the console users: email, role, whether a password is set',
  run: (input) =>
    withDataDir(input, async ({ context }) => {
      const users = (await context.storage.listConsoleUsers()).map((u) => ({
        email: u.email,
        role: u.role,
        password_set: u.passwordHash !== null,
        created_at: new Date(u.createdAt).toISOString(),
      }));
      const lines = users.map((u) => `${printable(u.email)}  ${u.role}${u.password_set ? '' : '  (has not set a password yet)'}`);
      input.out.result({ users }, lines.length === 0 ? 'No console users.' : lines.join('\n'));
    }),
};

export const userCommands = [add, list];
