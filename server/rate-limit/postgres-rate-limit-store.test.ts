import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createTestDatabase } from '../../tests/harness/authority/postgres-test-database.ts';
import { openPostgresRateLimitStores } from './postgres-rate-limit-store.ts';

test('two instances share one bucket: the burst is spent once across both, then refills', async (t) => {
  const database = await createTestDatabase(t);
  if (!database) return;
  let clock = 1_000_000;
  const [one, two] = [await openPostgresRateLimitStores(database.url, () => clock), await openPostgresRateLimitStores(database.url, () => clock)];
  try {
    const rule = { burst: 5, perSecond: 0.5 };
    const stores = [one.store(rule, 'perKey'), two.store(rule, 'perKey')];
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => stores[i % 2]?.take('license-a')));
    assert.equal(results.filter((r) => r?.ok).length, 5, 'exactly the burst, whichever instance answered');
    assert.deepEqual(results.find((r) => !r?.ok), { ok: false, retryAfterSeconds: 2 });

    assert.equal((await stores[0]?.take('license-b'))?.ok, true, 'another key has its own bucket');
    assert.equal((await one.store(rule, 'perIp').take('license-a')).ok, true, 'another rule has its own bucket');

    clock += 2000; // one token back
    const refilled = await Promise.all([stores[1]?.take('license-a'), stores[0]?.take('license-a')]);
    assert.equal(refilled.filter((r) => r?.ok).length, 1, 'one token for both instances together');
  } finally {
    await Promise.all([one.close(), two.close()]);
    await database.drop();
  }
});
