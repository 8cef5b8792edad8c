import { test } from 'node:test';
import assert from 'node:assert/strict';
import { config } from 'zod/mini';

/*
 * What merely loading keyhole/node costs a host's start-up: nothing that only an action or a
 * command needs is built at import. Each test file runs in a process of its own, so the import
 * below is the library's first load.
 */

test('loading keyhole/node builds no date formatter and no schema of zod\'s chainable API', async (t) => {
  const formatters = t.mock.method(Intl, 'DateTimeFormat');
  const library = await import('./index.ts');
  assert.equal(typeof library.createLicense, 'function');
  assert.equal(formatters.mock.callCount(), 0, 'a formatter loads its locale\'s data: tens of milliseconds');
  // zod's chainable API sets its English messages with its first schema; zod/mini leaves the config alone.
  assert.equal(config().localeError, undefined, 'a zod schema was built at import (the authority answers\' or the IPC contract\'s are loaded with their first use)');
});
