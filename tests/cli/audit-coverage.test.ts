import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { certificateDigest, encodeDeactivationCode, encodeRequestCode } from '../../shared/license/offline-codes.ts';
import { pluginCatalog } from '../../shared/product/config.ts';
import { initDataDir, openDataDir } from '../../server/authority-data.ts';
import { COMMANDS } from '../../server/cli/main.ts';
import { systemClock } from '../../server/clock.ts';
import { listAudit } from '../../server/licensing/audit-log.ts';
import { activate } from '../../server/licensing/public-service.ts';
import { loadProductConfig } from '../../server/product-config.ts';
import { runCliHere } from '../harness/authority/spawn-authority.ts';
import { makeTempDir, newInstanceId } from '../harness/authority/test-authority.ts';

/*
 * Every CLI command that changes the authority's data lands in the audit log as `cli:<OS user>`.
 * The commands come from the CLI's own table: a new one must be named here either as reading only
 * (with the reason) or with a way to run it, and a run that records nothing fails. In-process
 * (`main`), so the whole table costs what two spawned commands would.
 */

const product = loadProductConfig();
const FINGERPRINT = { machineId: 7, systemUuid: 8, baseboardSerial: 0, diskSerial: 9, cpu: 10, mac: 11 };

// Commands that change nothing in the audit log's sense, and why.
const NOT_CHANGES: Readonly<Record<string, string>> = {
  'authority init': 'creates the data dir itself; its first admin token is recorded as the authority',
  'authority start': 'runs the server, whose own changes the admin API test covers',
  'authority keys': 'prints the public keys',
  'authority backup': 'copies the database to a new file',
  'authority check': 'reads the data dir',
  'plan list': 'lists',
  'order list': 'lists',
  'order show': 'shows',
  'license find': 'finds',
  'license show': 'shows',
  'license activations': 'lists',
  'token list': 'lists',
  'user list': 'lists',
  'support reproduce': 'reads a bundle',
  'audit list': 'lists',
  'log find': 'reads the request log',
};

describe('keyhole CLI: no change without its audit event', () => {
  const root = makeTempDir('keyhole-cli-audit-coverage-');
  const dataDir = join(root, 'authority');
  const data = ['--data', dataDir];
  after(() => rmSync(root, { recursive: true, force: true }));
  before(async () => {
    await initDataDir(dataDir, product, systemClock);
  });

  const ok = async (args: readonly string[]) => {
    const answer = await runCliHere([...args, ...data, '--json']);
    assert.equal(answer.status, 0, `keyhole ${args.join(' ')}: ${answer.stdout}${answer.stderr}`);
    return JSON.parse(answer.stdout);
  };
  const newPlan = async (mode = 'online') => String((await ok(['plan', 'create', '--name', 'Pro', '--limit', '5', '--mode', mode])).plan.id);
  const newLicense = async (mode = 'online') => (await ok(['order', 'create', '--plan', await newPlan(mode)])).license as { id: number; key: string };
  const requestCode = (key: string, instanceId: string) =>
    encodeRequestCode({ licenseKey: key, instanceId, fingerprint: FINGERPRINT, appVersion: { major: 1, minor: 0, patch: 0 }, createdAt: Date.now() });
  const withContext = async <T>(work: (ctx: Awaited<ReturnType<typeof openDataDir>>['context']) => Promise<T>) => {
    const opened = await openDataDir(dataDir, product, systemClock);
    try {
      return await work(opened.context);
    } finally {
      await opened.close();
    }
  };

  // One way to make each changing command change something (its arguments, after any setup).
  const recipes: Record<string, () => Promise<string[]>> = {
    'authority rotate-key': async () => ['authority', 'rotate-key'],
    'authority sign-with': async () => ['authority', 'sign-with', String((await ok(['authority', 'rotate-key'])).id)],
    'plan create': async () => ['plan', 'create', '--name', 'Team'],
    'order create': async () => ['order', 'create', '--plan', await newPlan()],
    'license regenerate': async () => ['license', 'regenerate', String((await newLicense()).id), '--yes'],
    'license limit': async () => ['license', 'limit', String((await newLicense()).id), '9'],
    'license expiry': async () => ['license', 'expiry', String((await newLicense()).id), '+30days'],
    'license deactivate': async () => ['license', 'deactivate', String((await newLicense()).id), '--yes'],
    'license revoke': async () => {
      const license = await newLicense();
      const { activation } = await withContext((ctx) =>
        activate(ctx, { licenseKey: license.key, instanceId: newInstanceId(), instanceName: 'Desk', fingerprint: FINGERPRINT, metadata: {} }),
      );
      return ['license', 'revoke', String(license.id), String(activation.id)];
    },
    'offline activate': async () => ['offline', 'activate', requestCode((await newLicense('offline')).key, newInstanceId())],
    'offline deactivate': async () => {
      const license = await newLicense('offline');
      const instanceId = newInstanceId();
      const { certificate } = await ok(['offline', 'activate', requestCode(license.key, instanceId)]);
      const digest = await certificateDigest(certificate, pluginCatalog(product));
      return ['offline', 'deactivate', encodeDeactivationCode({ licenseId: license.id, instanceId, certificateDigest: digest, deactivatedAt: Date.now() })];
    },
    'token create': async () => ['token', 'create', '--label', 'deploy'],
    'token revoke': async () => ['token', 'revoke', String((await ok(['token', 'list'])).tokens[0].id)],
    'user add': async () => ['user', 'add', '--email', 'ann@example.com', '--role', 'support'],
  };

  test('each changing command in the CLI\'s table leaves an audit event naming the OS user', async () => {
    const me = `cli:${userInfo().username}`;
    const covered = new Set<string>();
    for (const command of COMMANDS) {
      const name = command.words.join(' ');
      if (NOT_CHANGES[name] !== undefined) continue;
      const recipe = recipes[name];
      assert.ok(recipe, `keyhole ${name} is not known to change nothing: add it to the recipes here (and record its change with recordAudit) or to NOT_CHANGES with the reason`);
      const args = await recipe();
      const newest = async () => (await withContext((ctx) => listAudit(ctx, { limit: 1 }))).events[0]?.id ?? 0;
      const before = await newest();
      await ok(args);
      const events = (await withContext((ctx) => listAudit(ctx, { limit: 20 }))).events.filter((e) => e.id > before);
      assert.ok(events.length > 0, `keyhole ${name} made a change that is not in the audit log`);
      assert.ok(events.every((e) => e.actor === me), `keyhole ${name} is recorded as ${me}`);
      covered.add(name);
    }
    assert.deepEqual(Object.keys(recipes).filter((name) => !covered.has(name)), [], 'every recipe is a command the CLI has');
  });

  test('what a new console user, a new signing key and the switch to it record', async () => {
    await ok(['user', 'add', '--email', 'bo@example.com', '--role', 'admin']);
    const rotated = await ok(['authority', 'rotate-key']);
    const before = await withContext(async (ctx) => (await ctx.keys.refresh(), ctx.keys.current.id));
    await ok(['authority', 'sign-with', String(rotated.id)]);
    const { events } = await withContext((ctx) => listAudit(ctx, { limit: 3 }));
    assert.deepEqual(
      events.map((e) => [e.action, e.before, e.after]),
      [
        ['signing_key.sign_with', { signing_key_id: before }, { signing_key_id: rotated.id }],
        ['signing_key.add', null, { key_id: rotated.id, public_key: rotated.public_key }],
        ['user.add', null, { email: 'bo@example.com', role: 'admin' }],
      ],
    );
  });
});
