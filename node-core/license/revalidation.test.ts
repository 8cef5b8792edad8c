import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { manualClock } from '../clock.ts';
import { createLicenseCore, type LicenseCore } from '../create-license-core.ts';
import { collectFingerprint } from '../fingerprint/collect-fingerprint.ts';
import { staticIdentifierSource } from '../fingerprint/identifier-source.ts';
import { closedPort } from '../../tests/harness/core/loopback.ts';
import { OFFICE_PC } from '../../tests/harness/core/machines.ts';
import { tempDir } from '../../tests/harness/core/temp-dir.ts';
import { createTestSigner } from '../replay/scenario-signer.ts';
import type { ErrorInfo } from '../../shared/errors/keyhole-error.ts';
import type { LicenseService } from './license-service.ts';
import { startRevalidation, type RevalidationOptions } from './revalidation.ts';
import type { LicenseSnapshot } from './snapshot.ts';

const HOUR = 3_600_000;

/** A core with an online activation stored, whose authority is a closed loopback port. */
async function onlineCore(t: TestContext, authorityUrl?: string): Promise<{ core: LicenseCore; clock: ReturnType<typeof manualClock>; everyMs: number }> {
  const clock = manualClock(Date.now());
  const signer = createTestSigner();
  const core = createLicenseCore({
    dataDir: tempDir(t),
    product: signer.product,
    appVersion: '1.0.0',
    identifierSource: staticIdentifierSource(OFFICE_PC),
    authorityUrl: authorityUrl ?? `http://127.0.0.1:${await closedPort()}`,
    clock,
    env: {},
  });
  const { instanceId } = await core.service.getStatus();
  const compact = (await collectFingerprint(staticIdentifierSource(OFFICE_PC), signer.product.productId)).compact;
  const certificate = signer.sign(signer.payload(instanceId, compact, clock.now()));
  core.store.update((s) => ({ ...s, activation: { certificate, licenseKey: 'KH-00000-00000-00000-00000-00000', mode: 'online', activatedAt: clock.now() } }));
  return { core, clock, everyMs: signer.product.revalidateEveryHours * HOUR };
}

/** A loopback authority that calls every license valid. */
async function answeringAuthority(t: TestContext): Promise<string> {
  const server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ valid: true }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function validations(core: LicenseCore): number {
  return core.service.events().filter((event) => event.action === 'validate').length;
}

/** Runs the loop until `enough` holds for the snapshots it pushed (bounded: at most five seconds). */
async function runUntil(t: TestContext, core: LicenseCore, options: Omit<RevalidationOptions, 'onStatus'>, enough: (seen: LicenseSnapshot[]) => boolean): Promise<LicenseSnapshot[]> {
  const seen: LicenseSnapshot[] = [];
  const revalidation = startRevalidation(core.service, { ...options, onStatus: (snapshot) => seen.push(snapshot) });
  t.after(() => revalidation.stop());
  for (let waited = 0; !enough(seen) && waited < 5_000; waited += 10) await new Promise((resolve) => setTimeout(resolve, 10));
  revalidation.stop();
  return seen;
}

test('an online activation is validated at start and retried while the server is unreachable, in grace', async (t) => {
  const { core } = await onlineCore(t);
  const seen = await runUntil(t, core, { tickMs: 10, retryMs: 10 }, () => validations(core) >= 3);
  assert.ok(seen.length > 0 && seen.every((snapshot) => snapshot.status.state === 'grace'));
  assert.ok(core.service.events().filter((event) => event.action === 'validate' && event.outcome === 'unreachable').length >= 3);
});

test('a clock set back is retried too, so a fresh server answer can end it by itself', async (t) => {
  const { core, clock } = await onlineCore(t);
  core.store.update((s) => ({ ...s, highestTimeSeen: clock.now() + 24 * HOUR }));
  const seen = await runUntil(t, core, { tickMs: 10, retryMs: 10 }, () => validations(core) >= 3);
  assert.ok(seen.length > 0 && seen.every((snapshot) => snapshot.status.state === 'clock_rollback'));
  assert.ok(validations(core) >= 3);
});

test('an active license is re-evaluated on every tick but validated again only when the schedule says so', async (t) => {
  const { core, clock, everyMs } = await onlineCore(t, await answeringAuthority(t));
  const seen: LicenseSnapshot[] = [];
  const revalidation = startRevalidation(core.service, { tickMs: 10, retryMs: 10, onStatus: (snapshot) => seen.push(snapshot) });
  t.after(() => revalidation.stop());
  const pushes = async (count: number): Promise<void> => {
    const target = seen.length + count;
    for (let waited = 0; seen.length < target && waited < 5_000; waited += 10) await new Promise((resolve) => setTimeout(resolve, 10));
  };

  await pushes(5);
  assert.equal(validations(core), 1, 'only the start-up check while nothing is due');
  clock.advance(everyMs + 1);
  await pushes(5);
  assert.equal(validations(core), 2, 'validated once the schedule said it was due');
  await pushes(5);
  revalidation.stop();
  assert.equal(validations(core), 2, 'and not again until the next period');
  assert.ok(seen.every((snapshot) => snapshot.status.state === 'active'));
});

test('an air-gapped or offline activation is never validated', async (t) => {
  const { core } = await onlineCore(t);
  core.store.update((s) => ({ ...s, activation: s.activation && { ...s.activation, mode: 'offline', licenseKey: null } }));
  const seen = await runUntil(t, core, { tickMs: 10, retryMs: 10 }, (pushed) => pushed.length >= 5);
  assert.equal(seen.length >= 5, true);
  assert.equal(validations(core), 0);
});

/**
 * A fleet of `count` simulated apps on one schedule clock: each has an online license in grace and
 * a service whose validations `answer` decides; returns the clock instants of every validation.
 */
async function fleet(count: number, answer: (attempt: number, at: number) => ErrorInfo | null, untilMs: number) {
  let at = 0;
  const attempts: number[][] = [];
  const loops = Array.from({ length: count }, (_, client) => {
    attempts.push([]);
    const snapshot = {
      status: { state: 'grace', certificate: { mode: 'online' } },
      activation: { licenseKey: 'KH-00000-00000-00000-00000-00000' },
      nextValidationAt: null,
      now: 0,
    } as unknown as LicenseSnapshot;
    const service = {
      getStatus: async () => snapshot,
      validateNow: async () => {
        attempts[client]!.push(at);
        return { snapshot, outcome: 'unreachable', error: answer(attempts[client]!.length, at) };
      },
    } as unknown as LicenseService;
    return startRevalidation(service, { onStatus: () => {}, tickMs: HOUR, retryMs: 10_000, retryCapMs: 80_000, now: () => at });
  });
  try {
    // One scheduled check per simulated second (bounded), as each app's timer would make it.
    for (; at <= untilMs; at += 1_000) await Promise.all(loops.map((loop) => loop.checkNow()));
  } finally {
    for (const loop of loops) loop.stop();
  }
  return attempts;
}

const unreachable: ErrorInfo = { code: 'SERVER_UNREACHABLE', message: 'Cannot reach the license server' };

test('after an outage, the retries of 100 apps are spread out, not all at one instant', async () => {
  // Every app fails at 0 (the outage), the authority is back from then on.
  const attempts = await fleet(100, (attempt) => (attempt === 1 ? unreachable : null), 30_000);
  const retries = attempts.map((times) => times[1]);
  assert.ok(retries.every((time) => time !== undefined && time <= 10_000), 'each retried within its first step');
  const instants = new Set(retries);
  assert.ok(instants.size >= 8, `only ${instants.size} distinct retry instants`);
  const busiest = Math.max(...[...instants].map((instant) => retries.filter((time) => time === instant).length));
  assert.ok(busiest <= 30, `${busiest} of 100 apps retried at the same instant`);
  // Still in grace in this simulation, so an app asks again, but only a full step after its answer.
  assert.ok(attempts.every((times) => times.length < 3 || (times[2] as number) - (times[1] as number) >= 10_000), 'no retry storm after the answer');
});

test('while the authority stays down the waits grow, capped; a 429 with Retry-After is never retried sooner', async () => {
  const down = await fleet(20, () => unreachable, 400_000);
  for (const times of down) {
    const gaps = times.slice(1).map((time, i) => time - (times[i] as number));
    assert.ok(gaps.every((gap) => gap <= 80_000 + 1_000), `a wait beyond the cap: ${gaps.join(', ')}`);
    assert.ok(times.length < 400_000 / 10_000, `${times.length} attempts: no backoff`);
  }

  const limited: ErrorInfo = { code: 'RATE_LIMITED', message: 'Too many requests', details: { retry_after: '120' } };
  const attempts = await fleet(100, (attempt) => (attempt === 1 ? limited : null), 200_000);
  const retries = attempts.map((times) => times[1] as number);
  assert.ok(retries.every((time) => time >= 120_000), `retried before Retry-After: ${Math.min(...retries)}`);
  assert.ok(new Set(retries).size >= 8, 'spread after Retry-After too');
});
