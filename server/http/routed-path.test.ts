import assert from 'node:assert/strict';
import { test } from 'node:test';
import { requestPath } from '../../shared/http/request-path.ts';
import { routedPath } from './routed-path.ts';

/* The plain-path shortcut must route every target exactly as the full parse does. */

const fullParse = (target: string) => {
  const path = requestPath(target);
  return path === null ? null : `/${path.split('/').filter((segment) => segment !== '').join('/')}`;
};

test('plain and tricky targets route as the full URL parse routes them', () => {
  const targets = [
    '/', '/license/validate', '/.well-known/keyhole.json', '/admin/licenses/KH-ABCD-1234', '/healthz',
    '/license/../admin', '/license/./validate', '/.', '/..', '/a/..', '/a/.', '//admin', '/admin//plans', '/admin/',
    '/%2e%2e/admin', '/license/%2E/validate', '/license\\..\\admin', '/a?x=1', '/a#b', '/..a/b', '/a../b', '/...',
    '*', 'example.com:443', 'http://host/admin/../license', '/a b', '/ä', '/~user/x_y-z.json',
  ];
  for (const target of targets) assert.equal(routedPath(target), fullParse(target), target);
  assert.equal(routedPath('/license/../admin'), '/admin');
  assert.equal(routedPath('/.well-known/keyhole.json'), '/.well-known/keyhole.json');
});
