import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeMismatch, matchFingerprint } from '../../shared/license/fingerprint.ts';
import { CONTAINER, OFFICE_PC, OFFICE_PC_NEW_NIC, OTHER_PC, VM_BOOT_1, VM_BOOT_2 } from '../../tests/harness/core/machines.ts';
import { tempDir } from '../../tests/harness/core/temp-dir.ts';
import { collectFingerprint, describeCollection } from './collect-fingerprint.ts';
import { FINGERPRINT_FILE_ENV, identifierSourceFromEnv, staticIdentifierSource, type RawIdentifiers } from './identifier-source.ts';
import { cleanIdentifier } from './junk-values.ts';
import { systemInformationSource } from './systeminformation-source.ts';

const PRODUCT = 'keyhole-demo-studio';
const collect = (values: RawIdentifiers, product = PRODUCT) => collectFingerprint(staticIdentifierSource(values), product);

describe('junk identifier values count as unreadable', () => {
  for (const junk of ['', '   ', 'Default string', 'To Be Filled By O.E.M.', 'None', '0', '-', 'Not Specified', '00000000-0000-0000-0000-000000000000', 'FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF', '00:00:00:00:00:00', '03000200-0400-0500-0006-000700080009']) {
    test(JSON.stringify(junk), () => assert.equal(cleanIdentifier('systemUuid', junk), null));
  }
  test('real values are kept, normalised', () => {
    assert.equal(cleanIdentifier('diskSerial', '  S4EWNX0R123456 '), 's4ewnx0r123456');
    assert.equal(cleanIdentifier('cpu', '||||'), null);
  });
});

describe('fingerprint matching with injected component sets', () => {
  test('the same machine after a reboot matches on every component', async () => {
    const match = matchFingerprint((await collect(OFFICE_PC)).compact, (await collect({ ...OFFICE_PC })).compact);
    assert.deepEqual([match.matches, match.weak, match.compared.length, match.differing], [true, false, 6, []]);
  });

  test('an added network adapter still matches, naming the MAC', async () => {
    const match = matchFingerprint((await collect(OFFICE_PC)).compact, (await collect(OFFICE_PC_NEW_NIC)).compact);
    assert.equal(match.matches, true);
    assert.deepEqual(match.differing, ['mac']);
  });

  test('a VM that changes its MAC on restart still matches', async () => {
    const match = matchFingerprint((await collect(VM_BOOT_1)).compact, (await collect(VM_BOOT_2)).compact);
    assert.equal(match.matches, true);
    assert.match(describeMismatch(match), /1 of 4 components differ: network adapter/);
  });

  test('state copied to another computer does not match, and the differing components are named', async () => {
    const match = matchFingerprint((await collect(OFFICE_PC)).compact, (await collect(OTHER_PC)).compact);
    assert.equal(match.matches, false);
    assert.deepEqual(match.differing, ['machineId', 'systemUuid', 'baseboardSerial', 'diskSerial', 'mac']);
    assert.match(describeMismatch(match), /5 of 6 components differ: machine id, system UUID, baseboard serial, disk serial/);
  });

  test('a container is weak: no hardware identifier', async () => {
    const fingerprint = await collect(CONTAINER);
    assert.equal(fingerprint.weak, true);
    assert.deepEqual(fingerprint.available, ['machineId', 'cpu', 'mac']);
    assert.match(describeCollection(fingerprint), /\(weak\)/);
    const nothing = await collect({ machineId: null, systemUuid: null, baseboardSerial: null, diskSerial: null, cpu: null, mac: null });
    assert.equal(matchFingerprint(nothing.compact, fingerprint.compact).weak, true);
  });

  test('hashes are salted per product and never contain a raw value', async () => {
    const a = await collect(OFFICE_PC);
    const b = await collect(OFFICE_PC, 'another-product');
    assert.notEqual(a.hashes.machineId, b.hashes.machineId);
    const everything = JSON.stringify(a) + describeCollection(a);
    for (const raw of Object.values(OFFICE_PC)) assert.ok(!everything.toLowerCase().includes(String(raw).toLowerCase()), 'a raw value leaked');
  });
});

describe('identifier sources', () => {
  test('the real machine is read without root and reports ms per component', async () => {
    const fingerprint = await collectFingerprint(systemInformationSource(), PRODUCT);
    assert.equal(fingerprint.sourceKind, 'systeminformation');
    for (const ms of Object.values(fingerprint.timings)) assert.equal(typeof ms, 'number');
    const line = describeCollection(fingerprint);
    assert.match(line, /machineId=\d+ms\((ok|empty|failed)\).*mac=\d+ms/);
    let machineId = '';
    try {
      machineId = readFileSync('/etc/machine-id', 'utf8').trim();
    } catch {
      // not Linux, or no machine id: nothing to leak
    }
    if (machineId) assert.ok(!(JSON.stringify(fingerprint) + line).includes(machineId), 'the raw machine id leaked');
  });

  test(`${FINGERPRINT_FILE_ENV} swaps in a JSON file, re-read on every collection`, async (t) => {
    const file = join(tempDir(t), 'machine.json');
    writeFileSync(file, JSON.stringify(OFFICE_PC));
    const source = identifierSourceFromEnv({ [FINGERPRINT_FILE_ENV]: file }, () => assert.fail('the real source was used'));
    assert.equal(source.kind, 'file');
    const first = await collectFingerprint(source, PRODUCT);
    writeFileSync(file, JSON.stringify(OTHER_PC));
    const second = await collectFingerprint(source, PRODUCT);
    assert.equal(matchFingerprint(first.compact, second.compact).matches, false);
    assert.deepEqual(first.compact, (await collect(OFFICE_PC)).compact);
  });

  test('without the variable the real source is used; a missing file is an error, not the real machine', async (t) => {
    assert.equal(identifierSourceFromEnv({}, () => systemInformationSource()).kind, 'systeminformation');
    const missing = identifierSourceFromEnv({ [FINGERPRINT_FILE_ENV]: join(tempDir(t), 'nope.json') }, () => systemInformationSource());
    await assert.rejects(missing.collect(), /ENOENT/);
  });
});
