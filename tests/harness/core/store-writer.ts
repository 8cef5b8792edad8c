/*
 * Child process for the crash test: writes the store over and over, printing each value only after
 * it is on disk (flushed: the process's first write waits for conf to load), until it is killed.
 */
import { openLicenseStore } from '../../../node-core/store/open-license-store.ts';

const dir = process.argv[2];
if (!dir) throw new Error('usage: store-writer.ts <dir>');
const { store } = openLicenseStore({ dir });
const padding = 'x'.repeat(20_000); // a larger file makes a torn write likelier, were writes not atomic
for (let i = 1; ; i++) {
  store.update((state) => ({ ...state, highestTimeSeen: i, events: [{ at: i, action: 'validate', outcome: 'ok', httpStatus: 200, latencyMs: 1, note: padding }] }));
  await store.flushed();
  process.stdout.write(`${i}\n`);
}
