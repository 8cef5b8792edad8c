import assert from 'node:assert/strict';
import { existsSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { generateLicenseKey } from '../../shared/format/license-key.ts';
import { makeTempDir } from '../harness/authority/test-authority.ts';
import { runCli, spawnAuthority } from '../harness/authority/spawn-authority.ts';

/* `authority start` writes the request log; `keyhole log find` reads it back, as a user runs them. */

describe('request log from the CLI', () => {
  test('start appends to <data>/logs/authority.log; log find shows a request by the id the client saw, exit 1 when unknown', async () => {
    const dir = makeTempDir();
    try {
      const data = ['--data', dir];
      const init = JSON.parse(runCli(['authority', 'init', ...data, '--json']).stdout) as { admin_token: string };
      const authority = await spawnAuthority(dir);
      const key = generateLicenseKey();
      let requestId: string | null;
      try {
        const refused = await fetch(`${authority.url}/license/validate`, { method: 'POST', body: JSON.stringify({ license_key: key }) });
        assert.equal(refused.status, 404);
        requestId = refused.headers.get('x-request-id');
        assert.equal(((await refused.json()) as { error: { request_id: string } }).error.request_id, requestId);
        const admin = await fetch(`${authority.url}/admin/plans`, { headers: { authorization: `Bearer ${init.admin_token}` } });
        assert.equal(admin.status, 200);
      } finally {
        await authority.stop();
      }
      const log = readFileSync(join(dir, 'logs', 'authority.log'), 'utf8');
      assert.ok(!log.includes(key) && !log.includes(init.admin_token), 'no key or token in the log');

      const found = runCli(['log', 'find', String(requestId), ...data]);
      assert.equal(found.status, 0, found.stderr);
      assert.match(found.stdout, new RegExp(`${requestId}  POST /license/validate → 404 in [\\d.]+ ms  \\(error LICENSE_INVALID\\)`));
      const json = JSON.parse(runCli(['log', 'find', String(requestId), '--log', join(dir, 'logs', 'authority.log'), '--json']).stdout) as {
        lines: { route: string; status: number }[];
      };
      assert.deepEqual(json.lines.map(({ route, status }) => [route, status]), [['/license/validate', 404]]);

      const missing = runCli(['log', 'find', 'no-such-request', ...data]);
      assert.equal(missing.status, 1);
      assert.match(missing.stdout, /No request no-such-request/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('SIGHUP reopens the log: after logrotate renamed the file, the next request lands in a new one', async () => {
    const dir = makeTempDir();
    try {
      runCli(['authority', 'init', '--data', dir, '--json']);
      const path = join(dir, 'logs', 'authority.log');
      const authority = await spawnAuthority(dir);
      const idOf = async () => (await fetch(`${authority.url}/healthz`)).headers.get('x-request-id') as string;
      let before: string;
      let after: string;
      try {
        before = await idOf();
        renameSync(path, `${path}.1`);
        authority.child.kill('SIGHUP');
        // Reopening creates the file at the path again; bounded wait for the signal to be handled.
        for (let tries = 0; tries < 100 && !existsSync(path); tries++) await new Promise((resolve) => setTimeout(resolve, 50));
        after = await idOf();
      } finally {
        await authority.stop();
      }
      const rotated = readFileSync(`${path}.1`, 'utf8');
      const fresh = readFileSync(path, 'utf8');
      assert.ok(rotated.includes(before) && !rotated.includes(after), 'the renamed file keeps the earlier line only');
      assert.ok(fresh.includes(after) && !fresh.includes(before), 'the new file has the later line');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
