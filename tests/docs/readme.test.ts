import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { START_USAGE } from '../../scripts/start/replay.ts';
import { startDemoAuthority } from '../../server/demo/start-demo-authority.ts';

/* The README is what a newcomer trusts first: its demo keys and CLI commands must be real. */

const README = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

describe('README', () => {
  test('lists exactly the demo keys the demo authority seeds', async () => {
    const listed = [...README.matchAll(/^\| `(KH-[0-9A-Z-]+)` \| ([a-z-]+) \|/gm)].map((m) => [m[2], m[1]]);
    const authority = await startDemoAuthority();
    try {
      assert.deepEqual(listed, authority.keys.map((k) => [k.name, k.key]));
    } finally {
      await authority.close();
    }
  });

  test('every npm start option it shows is one npm start takes', () => {
    const shown = new Set([...README.matchAll(/npm start -- ((?:--[a-z]+(?: [^\s`-][^\s`]*)? ?)+)/g)].flatMap((m) => (m[1] ?? '').match(/--[a-z]+/g) ?? []));
    assert.ok(shown.has('--help') && shown.has('--replay'), [...shown].join(' '));
    for (const option of shown) assert.match(START_USAGE, new RegExp(`^\\s+${option}\\b`, 'm'), option);
  });

  test('every keyhole command it shows exists', () => {
    const commands = new Set([...README.matchAll(/npx keyhole ([a-z-]+) ([a-z-]+)/g)].map((m) => `${m[1]} ${m[2]}`));
    assert.ok(commands.size >= 5);
    for (const command of commands) {
      const result = spawnSync(process.execPath, ['bin/keyhole.js', ...command.split(' '), '--help'], { encoding: 'utf8' });
      assert.equal(result.status, 0, `keyhole ${command} --help: ${result.stderr}`);
    }
  });
});
