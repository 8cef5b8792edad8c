/*
 * Child process for the kill test: opens the store in a data dir (argv[2]) as a host's start-up
 * does, prints the problem it reported as one JSON line, and stays up until it is killed — within
 * its first second, before the store's writer (conf) is loaded.
 */
import { openLicenseStore } from '../../../node-core/store/open-license-store.ts';

const dir = process.argv[2];
if (!dir) throw new Error('usage: open-store.ts <dir>');
const { problem } = openLicenseStore({ dir });
process.stdout.write(`${JSON.stringify({ code: problem?.code ?? null })}\n`);
setInterval(() => {}, 60_000);
