import assert from 'node:assert/strict';
import { test } from 'node:test';
import { afterSignIn, matchPath, signInFor } from './router.ts';

test('a route pattern matches its paths and names the parts', () => {
  assert.deepEqual(matchPath('/console/orders/:id', '/console/orders/42'), { id: '42' });
  assert.deepEqual(matchPath('/console/orders/:id', '/console/orders/42/'), { id: '42' }, 'a trailing slash is the same page');
  assert.equal(matchPath('/console/orders/:id', '/console/orders'), null);
  assert.equal(matchPath('/console/orders', '/console/plans'), null);
  assert.equal(matchPath('/console/orders/:id', '/console/orders/%E0'), null, 'a broken escape is no page');
});

test('sign-in brings the person back to the console page they asked for, and nowhere else', () => {
  assert.equal(signInFor('/console/orders/7?tab=x'), '/console/sign-in?next=%2Fconsole%2Forders%2F7%3Ftab%3Dx');
  assert.equal(signInFor('/console/sign-in'), '/console/sign-in');
  assert.equal(afterSignIn(`?next=${encodeURIComponent('/console/orders/7?tab=x')}`), '/console/orders/7?tab=x');
  for (const next of ['https://evil.example/', '//evil.example/console', '/console/../admin', '/\\evil.example', 'javascript:alert(1)', '/console/sign-in']) {
    assert.equal(afterSignIn(`?next=${encodeURIComponent(next)}`), '/console/overview', next);
  }
  assert.equal(afterSignIn(''), '/console/overview');
});
