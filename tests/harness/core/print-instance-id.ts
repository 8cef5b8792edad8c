/*
 * Child process for cross-process tests: opens the license core on a data dir (argv[2]) with the
 * real machine (or KEYHOLE_FINGERPRINT_FILE) and prints what it sees as one JSON line.
 */
import { createLicenseCore } from '../../../node-core/create-license-core.ts';
import { demoProduct } from '../../../node-core/replay/scenario-signer.ts';

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: print-instance-id.ts <data dir> [--exit-at-once]');
const core = createLicenseCore({ dataDir, product: demoProduct(), appVersion: '1.0.0' });
const snapshot = await core.service.getStatus();
// What this process saw (its Instance ID) is written once the store's writer has loaded; a host
// that ends right away waits for it, as keyhole/node's close() does — unless asked to end at once.
if (process.argv[3] !== '--exit-at-once') await core.store.flushed();
process.stdout.write(`${JSON.stringify({ instanceId: snapshot.instanceId, available: snapshot.machine.available, state: snapshot.status.state })}\n`);
