import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { KeyholeError } from '../../../shared/errors/keyhole-error.ts';
import { createVendorVerbs } from './vendor-handlers.ts';

const info = { renewUrl: 'https://example.com/renew', buyUrl: 'https://example.com/buy', support: { email: 'support@example.com' } };

describe('vendor pages', () => {
  test('"Renew license" opens the product config\'s renew page, "Contact support" a mail to support', async () => {
    const opened: string[] = [];
    const verbs = createVendorVerbs(info, { openAddress: (address) => (opened.push(address), Promise.resolve(true)) });
    assert.deepEqual(await verbs.openVendorPage('renew'), { opened: true, address: 'https://example.com/renew' });
    assert.deepEqual(await verbs.openVendorPage('contact'), { opened: true, address: 'mailto:support@example.com' });
    assert.deepEqual(opened, ['https://example.com/renew', 'mailto:support@example.com']);
  });

  test('"Buy" opens the product config\'s store; none configured is a clear NOT_FOUND', async () => {
    const opened: string[] = [];
    const verbs = createVendorVerbs(info, { openAddress: (address) => (opened.push(address), Promise.resolve(true)) });
    assert.deepEqual(await verbs.openVendorPage('buy'), { opened: true, address: 'https://example.com/buy' });
    assert.deepEqual(opened, ['https://example.com/buy']);
    const none = createVendorVerbs({ ...info, buyUrl: null }, { openAddress: () => assert.fail('nothing may open') });
    await assert.rejects(Promise.resolve(none.openVendorPage('buy')), (error: unknown) => error instanceof KeyholeError && error.code === 'NOT_FOUND' && /buy page/.test(error.hint ?? ''));
  });

  test('a host that cannot open addresses hands the address back for the page to open', async () => {
    assert.deepEqual(await createVendorVerbs(info).openVendorPage('renew'), { opened: false, address: 'https://example.com/renew' });
  });

  test('no renew page in the product config: a clear NOT_FOUND, nothing opened', async () => {
    const verbs = createVendorVerbs({ ...info, renewUrl: null }, { openAddress: () => assert.fail('nothing may open') });
    await assert.rejects(Promise.resolve(verbs.openVendorPage('renew')), (error: unknown) => error instanceof KeyholeError && error.code === 'NOT_FOUND');
  });
});
