import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KeyholeError } from '../../shared/errors/keyhole-error.ts';
import { asKeyholeError } from './service-context.ts';

test('an error nobody named inside the service is a defect of the app (INTERNAL_ERROR), not a server error', () => {
  const error = asKeyholeError(new TypeError('cannot read properties of undefined'));
  assert.equal(error.code, 'INTERNAL_ERROR');
  assert.equal(error.hint, 'cannot read properties of undefined');
});

test('a named error keeps its code', () => {
  const named = new KeyholeError('SERVER_UNREACHABLE', 'no answer');
  assert.equal(asKeyholeError(named), named);
});
