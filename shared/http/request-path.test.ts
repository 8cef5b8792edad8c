import assert from 'node:assert/strict';
import { test } from 'node:test';
import { requestPath } from './request-path.ts';

test('request targets new URL() rejects are paths like any other, never a throw', () => {
  for (const target of ['//', '///', '//[', '//a:b@', '//%', '//x:99999/']) {
    assert.throws(() => new URL(target, 'http://authority'), 'the case this parse exists for');
    assert.equal(requestPath(target), target);
  }
  assert.equal(requestPath('http://[/'), '/');
  assert.equal(requestPath('http://[/admin'), '/admin');
});

test('query, fragment, dot segments and absolute form resolve as a browser would', () => {
  assert.equal(requestPath('/license/validate?x=1#y'), '/license/validate');
  assert.equal(requestPath('/license/../admin/plans'), '/admin/plans');
  assert.equal(requestPath('/%2e%2e/admin'), '/admin');
  assert.equal(requestPath('/admin/..'), '/');
  assert.equal(requestPath('/..%2fadmin'), '/..%2fadmin');
  assert.equal(requestPath('http://example.com/healthz?x'), '/healthz');
  assert.equal(requestPath('HTTP://example.com'), '/');
  assert.equal(requestPath('?x'), '/');
});

test('targets that are not paths give null', () => {
  for (const target of ['*', '127.0.0.1:80', 'x:', 'healthz', '\\\\']) assert.equal(requestPath(target), null, target);
});
