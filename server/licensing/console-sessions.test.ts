import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createOffsetClock } from '../clock.ts';
import { hashSecret } from '../storage/key-crypto.ts';
import { startTestAuthority } from '../../tests/harness/authority/test-authority.ts';
import { addConsoleUser, setPasswordWithLink, signIn } from './console-users.ts';

/* Expired console sessions do not pile up: each sign-in deletes the ones that ran out. */

test('a session that expired is deleted when someone signs in, a live one is kept', async () => {
  const clock = createOffsetClock();
  const t = await startTestAuthority({ clock });
  try {
    const ctx = t.authority.context;
    const { linkToken } = await addConsoleUser(ctx, 'ann@example.com', 'admin');
    const old = await setPasswordWithLink(ctx, linkToken, 'correct horse battery');
    clock.advance(11 * 3_600_000);
    const live = await signIn(ctx, 'ann@example.com', 'correct horse battery');
    clock.advance(2 * 3_600_000); // the first session (12 h) has run out, the second has not
    await signIn(ctx, 'ann@example.com', 'correct horse battery');
    // Asked with a time before both expired: only a deleted row can answer nothing here.
    const early = clock.now() - 3 * 3_600_000;
    assert.equal(await ctx.storage.findConsoleSession(hashSecret(old.sessionToken), early), undefined, 'the expired session is gone');
    assert.equal((await ctx.storage.findConsoleSession(hashSecret(live.sessionToken), early))?.user.email, 'ann@example.com');
  } finally {
    await t.close();
  }
});
