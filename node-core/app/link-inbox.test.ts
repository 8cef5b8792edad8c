import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createLinkInbox } from './link-inbox.ts';

describe('link inbox', () => {
  test('an activate link leaves its key to be taken once; hostile ones leave a log line and nothing else', () => {
    const lines: string[] = [];
    const inbox = createLinkInbox('keyhole', (line) => lines.push(line));
    assert.equal(inbox.offer('keyhole://activate?key=KH-AAAAA-BBBBB-CCCCC-DDDDD-EEEEE&auto=1'), true);
    assert.equal(inbox.take(), 'KH-AAAAA-BBBBB-CCCCC-DDDDD-EEEEE');
    assert.equal(inbox.take(), null, 'taken once');
    assert.equal(inbox.offer('keyhole://deactivate?key=KH-AAAAA-BBBBB-CCCCC-DDDDD-EEEEE'), false);
    assert.equal(inbox.offer('keyhole://activate?key=<img src=x>'), false);
    assert.equal(inbox.take(), null);
    assert.deepEqual(lines.map((line) => line.split(':')[0]), ['deep link', 'deep link ignored', 'deep link ignored']);
    assert.ok(lines.every((line) => !line.includes('KH-AAAAA')), 'the key is never logged');
  });

  test('a product without a scheme takes no link', () => {
    const inbox = createLinkInbox(null, () => {});
    assert.equal(inbox.offer('keyhole://activate?key=KH-AAAAA-BBBBB-CCCCC-DDDDD-EEEEE'), false);
    assert.equal(inbox.take(), null);
  });
});
