import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseProductConfig } from './config.ts';

const GOOD = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'build', 'product.json'), 'utf8')) as Record<string, unknown>;

/** The lines after the heading of the error a config gets, one per problem. */
function problems(value: unknown): string[] {
  try {
    parseProductConfig(value);
  } catch (error) {
    const [heading, ...lines] = (error as Error).message.split('\n');
    assert.equal(heading, 'The product config is not valid:');
    return lines;
  }
  return assert.fail('the config was accepted');
}

test('the shipped product config is valid and kept as written', () => {
  assert.deepEqual(parseProductConfig(GOOD), GOOD);
});

test('a bad product config names every problem with its field and what was expected', () => {
  assert.deepEqual(problems({ ...GOOD, productId: 'Bad Id', productName: '', authorityUrl: 'not a url', extra: 1 }), [
    '- productId: lower-case letters, digits and dashes',
    '- productName: Too small: expected string to have >=1 characters',
    '- authorityUrl: Invalid URL',
    '- (root): Unrecognized key: "extra"',
  ]);
  assert.deepEqual(problems({ ...GOOD, publicKeys: [{ id: 64, publicKey: 'short' }, { id: 1.5, publicKey: 'x'.repeat(50) }] }), [
    '- publicKeys.0.id: Too big: expected number to be <=63',
    '- publicKeys.0.publicKey: Too small: expected string to have >=40 characters',
    '- publicKeys.1.id: Invalid input: expected int, received number',
  ]);
  assert.deepEqual(problems({ ...GOOD, onlineLeaseDays: '7', revalidateEveryHours: 0, support: { email: 'a' } }), [
    '- support.email: Too small: expected string to have >=3 characters',
    '- onlineLeaseDays: Invalid input: expected number, received string',
    '- revalidateEveryHours: Too small: expected number to be >0',
  ]);
  assert.deepEqual(problems(null), ['- (root): Invalid input: expected object, received null']);
});
