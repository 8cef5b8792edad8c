/*
 * Benchmark (not a test): how long each code is as a person sees it and may have to type it,
 * prefix and dashes included, at its shortest and at its worst case (12-byte plan name, full
 * 24-plugin catalog). The README's Formats table states the worst case; tests/docs checks it.
 */
import { MAX_CODE_SYMBOLS } from '../../shared/format/grouped-code.ts';
import { codeLengths } from './lib/code-lengths.ts';

const widths = [20, 10, 10];
const row = (cells: readonly string[]) => console.log(`  ${cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[0]!) : cell.padStart(widths[i]!))).join('  ')}`);

console.log(`codes as shown, characters with prefix and dashes (symbols without dashes are capped at ${MAX_CODE_SYMBOLS})`);
row(['', 'shortest', 'worst case']);
for (const { code, shortest, longest } of codeLengths()) row([code, String(shortest), String(longest)]);
