import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { tempDir } from '../../tests/harness/core/temp-dir.ts';
import { createLogger, readLogTail, redactedKey, type LogFields } from './logger.ts';

const KEY = 'KH-8Q3ZT-4MX7R-K2P9C-VW6HN-B5D1J';
const T0 = Date.UTC(2026, 2, 1, 9, 30);

describe('logger', () => {
  test('writes one JSON line per event with time, level, event and only the given safe fields', (t) => {
    const folder = tempDir(t);
    const logger = createLogger({ folder, now: () => T0 });
    logger.warn('license.event', { action: 'activate', outcome: 'ACTIVATION_LIMIT_REACHED', code: 'ACTIVATION_LIMIT_REACHED', httpStatus: 409, latencyMs: 87, key: redactedKey(KEY) });
    const [line] = readLogTail(folder, 10);
    assert.deepEqual(JSON.parse(line as string), {
      time: '2026-03-01T09:30:00.000Z',
      level: 'warn',
      event: 'license.event',
      code: 'ACTIVATION_LIMIT_REACHED',
      action: 'activate',
      outcome: 'ACTIVATION_LIMIT_REACHED',
      httpStatus: 409,
      latencyMs: 87,
      key: 'KH-8Q3ZT-…-B5D1J',
    });
    assert.equal(logger.file, join(folder, 'keyhole.log'));
  });

  test('a key smuggled into free text or an unknown field never reaches the file', (t) => {
    const folder = tempDir(t);
    const logger = createLogger({ folder });
    logger.error('license.event', { detail: `the server refused ${KEY}` });
    // A caller that casts its way past the types: the field is dropped, not written.
    logger.info('license.event', { licenseKey: KEY, serial: 'S4EWNX0R123456' } as unknown as LogFields);
    const text = readFileSync(logger.file, 'utf8');
    assert.ok(!text.includes(KEY) && !text.includes('4MX7R') && !text.includes('S4EWNX0R123456'), text);
    assert.match(text, /the server refused KH-8Q3ZT-…-B5D1J/);
  });

  test('rotates by size, keeps three files, and the tail spans them in order', (t) => {
    const folder = tempDir(t);
    const logger = createLogger({ folder, maxBytes: 2_000, keep: 3 });
    for (let i = 0; i < 200; i++) logger.info('license.event', { action: 'validate', outcome: 'ok', count: i });
    const files = readdirSync(folder).sort();
    assert.deepEqual(files, ['keyhole.log', 'keyhole.log.1', 'keyhole.log.2']);
    for (const file of files) assert.ok(statSync(join(folder, file)).size <= 2_000, file);
    const tail = logger.readTail(30).map((line) => JSON.parse(line).count);
    assert.deepEqual(tail, Array.from({ length: 30 }, (_, i) => 170 + i));
  });

  test('below the level nothing is written; an unwritable folder does not throw', (t) => {
    const folder = tempDir(t);
    const logger = createLogger({ folder, level: 'info' });
    logger.debug('fingerprint.collected', { ms: { cpu: 3 } });
    assert.deepEqual(logger.readTail(5), []);
    const blocked = createLogger({ folder: join(logger.file, 'not-a-folder') });
    logger.info('core.opened');
    assert.doesNotThrow(() => blocked.error('core.opened'));
    assert.deepEqual(blocked.readTail(5), []);
  });
});
