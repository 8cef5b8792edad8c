import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, test } from 'node:test';
import { encodeRequestCode } from '../../shared/license/offline-codes.ts';
import { createAuthority } from '../authority.ts';
import { dataDirLayout, readLogHashKey } from '../data-dir.ts';
import { loadProductConfig } from '../product-config.ts';
import { makeTempDir, newInstanceId, PLAN, startTestAuthority } from '../../tests/harness/authority/test-authority.ts';
import { licenseLogHasher, openLogFile } from './request-log.ts';

/* The request log and request ids, through inject and over HTTP. */

const FINGERPRINT = { machineId: 1, systemUuid: 2, baseboardSerial: 3, diskSerial: 4, cpu: 5, mac: 6 };

describe('request log', () => {
  test('one line per request with id, route pattern, status and license hash; never a key, code, token or Instance ID', async () => {
    const logFile = join(makeTempDir(), 'logs', 'authority.log');
    const t = await startTestAuthority({ requestLog: logFile });
    try {
      const { key, id } = await t.order({ ...PLAN, mode: 'offline' });
      const online = await t.order(PLAN);
      const instanceId = newInstanceId();
      const activated = await t.post('/license/activate', { license_key: online.key, instance_id: instanceId });
      assert.equal(activated.status, 200);
      const byKey = await t.admin('GET', `/admin/licenses/${encodeURIComponent(online.key)}`);
      assert.equal(byKey.status, 200);
      const code = encodeRequestCode({ licenseKey: key, instanceId, fingerprint: FINGERPRINT, appVersion: { major: 1, minor: 0, patch: 0 }, createdAt: Date.now() });
      const page = await t.authority.app.inject({ method: 'POST', url: '/activate', payload: new URLSearchParams({ request_code: code }).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
      assert.equal(page.statusCode, 200);
      const refused = await t.post('/license/validate', { license_key: 'KH-NOT-A-KEY' });
      const licenseLogHash = licenseLogHasher(readLogHashKey(dataDirLayout(t.dataDir)));
      // Lines are gathered and written together; a normal stop writes the rest.
      await t.authority.close();

      const text = readFileSync(logFile, 'utf8');
      for (const secret of [key, online.key, encodeURIComponent(online.key), code, t.adminToken, instanceId, activated.body.certificate]) {
        assert.ok(!text.includes(secret), `the log holds ${secret.slice(0, 12)}…`);
      }
      const lines = text.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>).filter((line) => line['msg'] === 'request');
      const line = (requestId: string | null) => lines.find((entry) => entry['request_id'] === requestId);
      assert.deepEqual(
        { ...line(byKey.headers.get('x-request-id')), time: undefined, ms: undefined, level: undefined },
        { time: undefined, ms: undefined, level: undefined, msg: 'request', request_id: byKey.headers.get('x-request-id'), method: 'GET', route: '/admin/licenses/:ref', status: 200, license: licenseLogHash(online.id) },
      );
      assert.equal(line(activated.headers.get('x-request-id'))?.['route'], '/license/activate');
      assert.equal(line(page.headers['x-request-id'] as string)?.['license'], licenseLogHash(id), 'the manual page notes its license too');
      assert.deepEqual([line(refused.headers.get('x-request-id'))?.['status'], line(refused.headers.get('x-request-id'))?.['error']], [400, 'LICENSE_FORMAT_INVALID']);
      assert.ok(lines.every((entry) => typeof entry['ms'] === 'number' && typeof entry['time'] === 'string'));
    } finally {
      await t.close();
      rmSync(dirname(dirname(logFile)), { recursive: true, force: true });
    }
  });

  test('after a normal stop every request has its line', async () => {
    const logFile = join(makeTempDir(), 'authority.log');
    const t = await startTestAuthority({ requestLog: logFile });
    try {
      const ids: string[] = [];
      for (let round = 0; round < 10; round++) {
        const answers = await Promise.all(Array.from({ length: 50 }, () => t.authority.app.inject({ method: 'GET', url: '/healthz' })));
        ids.push(...answers.map((answer) => String(answer.headers['x-request-id'])));
      }
      await t.authority.close();
      const logged = readFileSync(logFile, 'utf8')
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as { msg: string; request_id: string })
        .filter((line) => line.msg === 'request')
        .map((line) => line.request_id);
      assert.deepEqual([...logged].sort(), [...ids].sort());
    } finally {
      await t.close();
      rmSync(dirname(logFile), { recursive: true, force: true });
    }
  });

  test('the license hash is keyed with the data dir secret: not a plain hash of the id, and the same after a restart', async () => {
    const logFile = join(makeTempDir(), 'authority.log');
    const t = await startTestAuthority({ requestLog: logFile });
    try {
      const { key, id } = await t.order(PLAN);
      const validate = () => t.authority.app.inject({ method: 'POST', url: '/license/validate', payload: { license_key: key } });
      assert.equal((await validate()).statusCode, 200);
      await t.authority.close();
      const again = await createAuthority({ dataDir: t.dataDir, productConfig: loadProductConfig(), rateLimits: false, requestLog: logFile, log: () => {} });
      try {
        assert.equal((await again.app.inject({ method: 'POST', url: '/license/validate', payload: { license_key: key } })).statusCode, 200);
      } finally {
        await again.close();
      }
      const hashes = readFileSync(logFile, 'utf8')
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as { route: string; license?: string })
        .filter((line) => line.route === '/license/validate')
        .map((line) => line.license);
      assert.equal(hashes.length, 2);
      assert.equal(hashes[0], hashes[1], 'stable across restarts');
      assert.match(String(hashes[0]), /^[0-9a-f]{12}$/);
      const plain = [`keyhole-license:${id}`, String(id)].map((text) => createHash('sha256').update(text).digest('hex').slice(0, 12));
      assert.ok(!plain.includes(String(hashes[0])), 'anyone with the log alone could hash every id and match');
    } finally {
      await t.close();
      rmSync(dirname(logFile), { recursive: true, force: true });
    }
  });

  test('the log file gathers lines and writes them together within a moment; reopen starts a new file at the path', async () => {
    const dir = makeTempDir();
    try {
      const path = join(dir, 'logs', 'authority.log');
      const log = openLogFile(path);
      log.write('one\n');
      log.write('two\n');
      assert.equal(readFileSync(path, 'utf8'), '', 'gathered, not written line by line');
      for (let tries = 0; tries < 40 && readFileSync(path, 'utf8') === ''; tries++) await new Promise((resolve) => setTimeout(resolve, 25));
      assert.equal(readFileSync(path, 'utf8'), 'one\ntwo\n');
      assert.equal(statSync(path).mode & 0o777, 0o600);
      renameSync(path, `${path}.1`);
      log.write('three\n');
      log.reopen();
      log.write('four\n');
      log.close();
      assert.deepEqual([readFileSync(`${path}.1`, 'utf8'), readFileSync(path, 'utf8')], ['one\ntwo\nthree\n', 'four\n']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('request ids', () => {
  test('every answer has x-request-id, and an error body carries the same id', async () => {
    const t = await startTestAuthority();
    try {
      const health = await t.authority.app.inject({ method: 'GET', url: '/healthz' });
      assert.match(String(health.headers['x-request-id']), /^[0-9a-f]{16}$/);
      const missing = await t.authority.app.inject({ method: 'GET', url: '/nowhere' });
      assert.equal(missing.statusCode, 404);
      assert.equal(missing.json().error.request_id, missing.headers['x-request-id']);
      const other = await t.authority.app.inject({ method: 'GET', url: '/healthz' });
      assert.notEqual(other.headers['x-request-id'], health.headers['x-request-id']);
    } finally {
      await t.close();
    }
  });

  test('an incoming x-request-id is kept only from a trusted proxy and only in a safe shape', async () => {
    const t = await startTestAuthority({ trustProxy: '10.0.0.1' });
    try {
      const idFrom = async (peer: string, offered: string) =>
        (await t.authority.app.inject({ method: 'GET', url: '/healthz', remoteAddress: peer, headers: { 'x-request-id': offered } })).headers['x-request-id'];
      assert.equal(await idFrom('10.0.0.1', 'f3a9c0d2e1b4a5c6d7e8f9a0b1c2d3e4'), 'f3a9c0d2e1b4a5c6d7e8f9a0b1c2d3e4');
      assert.notEqual(await idFrom('203.0.113.9', 'f3a9c0d2e1b4a5c6d7e8f9a0b1c2d3e4'), 'f3a9c0d2e1b4a5c6d7e8f9a0b1c2d3e4');
      const unsafe = await idFrom('10.0.0.1', 'id"}\n{"forged":1');
      assert.match(String(unsafe), /^[0-9a-f]{16}$/);
    } finally {
      await t.close();
    }
  });
});
