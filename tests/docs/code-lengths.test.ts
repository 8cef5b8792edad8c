import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { codeLengths } from '../bench/lib/code-lengths.ts';

/* The README's Formats table promises how long each code is as a user sees it; that must be the real worst case. */

const README = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

function statedLength(prefix: string): number {
  const row = new RegExp(`^\\| [^|]+ \\| \`${prefix}-[^\`]*\` \\((?:up to )?(\\d+) characters as shown[^)]*\\) \\|`, 'm').exec(README);
  assert.ok(row, `the Formats row of the ${prefix}- code states its shown length`);
  return Number(row[1]);
}

test('the README states each code\'s longest shown length, dashes included', () => {
  const longest = Object.fromEntries(codeLengths().map(({ code, longest }) => [code, longest]));
  assert.deepEqual(
    { activation: statedLength('KA'), request: statedLength('KR'), deactivation: statedLength('KD') },
    { activation: longest['activation code'], request: longest['request code'], deactivation: longest['deactivation code'] },
  );
});
