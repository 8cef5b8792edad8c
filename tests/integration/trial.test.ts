import assert from 'node:assert/strict';
import { describe, test, type TestContext } from 'node:test';
import { KeyholeError } from '../../shared/errors/keyhole-error.ts';
import type { LicenseView } from '../../shared/ipc/contract.ts';
import { trialCountdown } from '../../shared/license/trial.ts';
import { toAppInfo } from '../../node-core/app/app-info.ts';
import { createHandlers } from '../../node-core/app/handlers.ts';
import { manualClock } from '../../node-core/clock.ts';
import { createLicenseCore } from '../../node-core/create-license-core.ts';
import { createLinkInbox } from '../../node-core/app/link-inbox.ts';
import { staticIdentifierSource } from '../../node-core/fingerprint/identifier-source.ts';
import { startDemoAuthority, type DemoAuthority } from '../../server/demo/start-demo-authority.ts';
import { closedPort } from '../harness/core/loopback.ts';
import { OFFICE_PC, OFFICE_PC_NEW_NIC } from '../harness/core/machines.ts';
import { tempDir } from '../harness/core/temp-dir.ts';

/*
 * The free trial through the app's handler table, against the demo authority over real HTTP:
 * start without a key, the countdown the status view shows, conversion with a bought demo key, and
 * a machine that cannot start a second trial — not after converting, not from a fresh install.
 */

const DAY = 86_400_000;

async function setup(t: TestContext, options: { authorityUrl?: string } = {}) {
  const authority = await startDemoAuthority();
  t.after(() => authority.close());
  const clock = manualClock(Date.now());
  const open = (identifiers = OFFICE_PC, dataDir = tempDir(t)) => {
    const core = createLicenseCore({
      dataDir,
      product: authority.productConfig,
      appVersion: '1.4.0',
      identifierSource: staticIdentifierSource(identifiers),
      clock,
      env: {},
      timeoutMs: 3000,
      ...(options.authorityUrl ? { authorityUrl: options.authorityUrl } : {}),
    });
    const published: LicenseView[] = [];
    const info = toAppInfo(authority.productConfig, { appVersion: '1.4.0', mode: 'demo', host: 'browser' });
    return { core, handlers: createHandlers({ core, service: core.service, info, links: createLinkInbox(info.urlScheme, () => {}), publish: (view) => published.push(view) }), published, info };
  };
  return { authority, clock, open };
}

const keyOf = (authority: DemoAuthority, name: string) => authority.keys.find((k) => k.name === name)?.key as string;

async function failureOf(promise: unknown): Promise<KeyholeError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof KeyholeError, String(error));
    return error;
  }
  assert.fail('expected a refusal');
}

describe('free trial in the app core', () => {
  test('start without a key, count down, convert with a bought key; the machine cannot start another trial', async (t) => {
    const { authority, clock, open } = await setup(t);
    const app = open();
    assert.equal(app.info.trialOffered, true);
    assert.equal(app.info.buyUrl, 'https://example.com/buy');

    const started = await app.handlers.startTrial();
    assert.equal(started.status.state, 'active');
    assert.equal(started.status.certificate?.mode, 'trial');
    assert.deepEqual(started.status.plugins, ['reports', 'scripting']);
    assert.deepEqual(trialCountdown(started.status.certificate, started.evaluatedAt)?.daysLeft, 14);
    assert.equal(app.published.at(-1), started, 'every window hears of the trial');

    clock.advance(2 * DAY + 60_000);
    const later = await app.handlers.getLicense();
    assert.equal(trialCountdown(later.status.certificate, later.evaluatedAt)?.daysLeft, 12);
    const revalidated = await app.handlers.validateNow();
    assert.equal(revalidated.problem, null, 'a trial re-validates like an online license');

    const bought = await app.handlers.activateOnline(keyOf(authority, 'online'));
    assert.equal(bought.status.state, 'active');
    assert.equal(bought.status.certificate?.mode, 'online');
    assert.equal(bought.status.certificate?.plan.name, 'Studio Pro');
    assert.equal(trialCountdown(bought.status.certificate, bought.evaluatedAt), null);
    const events = app.core.service.events().map((event) => `${event.action}:${event.outcome}`);
    assert.ok(events.includes('start_trial:ok') && events.includes('release_old_key:ok'), `the trial's slot was freed on conversion: ${events.join(', ')}`);

    // A fresh install on the same PC with a new network card: a new Instance ID, the same hardware.
    const reinstalled = open(OFFICE_PC_NEW_NIC);
    const refused = await failureOf(reinstalled.handlers.startTrial());
    assert.equal(refused.code, 'TRIAL_ALREADY_USED');
    assert.equal((await reinstalled.handlers.getLicense()).status.state, 'not_activated', 'nothing was stored');
  });

  test('an ended trial explains itself as TRIAL_ENDED, not as an expired license', async (t) => {
    const { clock, open } = await setup(t);
    const app = open();
    await app.handlers.startTrial();
    clock.advance(15 * DAY);
    const ended = await app.handlers.getLicense();
    assert.deepEqual([ended.status.state, ended.status.code, ended.status.featuresEnabled], ['expired', 'TRIAL_ENDED', false]);
    assert.match(ended.status.failedCheck ?? '', /the trial ended at/);
  });

  test('a computer that cannot reach the authority is told a trial needs the internet, and nothing is stored', async (t) => {
    const { open } = await setup(t, { authorityUrl: `http://127.0.0.1:${await closedPort()}` });
    const app = open();
    const refused = await failureOf(app.handlers.startTrial());
    assert.equal(refused.code, 'TRIAL_NEEDS_INTERNET');
    assert.match(refused.hint ?? '', /could not connect/);
    assert.equal((await app.handlers.getLicense()).status.state, 'not_activated');
  });
});
