import { join } from 'node:path';
import { createLicenseCore, type LicenseCore } from '../../../node-core/create-license-core.ts';
import { staticIdentifierSource } from '../../../node-core/fingerprint/identifier-source.ts';
import { demoProduct } from '../../../node-core/replay/scenario-signer.ts';
import { authorityPublicKeys } from '../../../server/support/bundle-key-set.ts';
import type { ProductConfig } from '../../../shared/product/config.ts';
import { OFFICE_PC } from '../core/machines.ts';
import type { TestAuthority } from './test-authority.ts';

/*
 * A customer's app core on the office PC, trusting and talking to a test authority: what the
 * support tests need to produce a real bundle from a real activation.
 */

export async function officePcCore(authority: TestAuthority, root: string): Promise<{ core: LicenseCore; product: ProductConfig }> {
  const keySet = await authorityPublicKeys(authority.dataDir);
  const product: ProductConfig = { ...demoProduct(), productId: keySet.productId, publicKeys: [...keySet.keys] };
  const core = createLicenseCore({
    dataDir: join(root, 'app'),
    product,
    appVersion: '1.2.0',
    identifierSource: staticIdentifierSource(OFFICE_PC),
    authorityUrl: authority.url,
    timeoutMs: 5_000,
    env: {},
  });
  return { core, product };
}
