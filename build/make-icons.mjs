// Renders the keyhole icon (the same shape as icons/icon.svg) to PNGs without any dependency:
// `node build/make-icons.mjs`. Re-run after changing the shape; the PNGs are committed.
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc = (buf) => buf.reduce((c, b) => crcTable[(c ^ b) & 0xff] ^ (c >>> 8), 0xffffffff) ^ 0xffffffff;
function chunk(type, data) {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'ascii');
  data.copy(out, 8);
  out.writeUInt32BE(crc(out.subarray(4, 8 + data.length)) >>> 0, 8 + data.length);
  return out;
}

function inside(x, y) {
  // Unit square coordinates: rounded tile, then a keyhole cut out of it.
  const r = 0.2;
  const cx = Math.min(Math.max(x, r), 1 - r), cy = Math.min(Math.max(y, r), 1 - r);
  const tile = (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
  const hole = (x - 0.5) ** 2 + (y - 0.4) ** 2 <= 0.13 ** 2 || (y >= 0.42 && y <= 0.78 && Math.abs(x - 0.5) <= 0.05 + (y - 0.42) * 0.2);
  return tile ? (hole ? 'hole' : 'tile') : 'none';
}

function png(size) {
  const rows = [];
  const samples = 4;
  for (let py = 0; py < size; py++) {
    const row = Buffer.alloc(1 + size * 4);
    for (let px = 0; px < size; px++) {
      let tile = 0, hole = 0;
      for (let sy = 0; sy < samples; sy++) for (let sx = 0; sx < samples; sx++) {
        const kind = inside((px + (sx + 0.5) / samples) / size, (py + (sy + 0.5) / samples) / size);
        if (kind === 'tile') tile++;
        if (kind === 'hole') hole++;
      }
      const n = samples * samples, a = (tile + hole) / n, t = tile / Math.max(1, tile + hole);
      const mix = (c1, c2) => Math.round(c1 * t + c2 * (1 - t));
      row.set([mix(0x0b, 0xf6), mix(0x57, 0xf7), mix(0xd0, 0xf9), Math.round(a * 255)], 1 + px * 4);
    }
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', header), chunk('IDAT', deflateSync(Buffer.concat(rows))), chunk('IEND', Buffer.alloc(0))]);
}

for (const size of [16, 32, 48, 64, 128, 256, 512]) {
  writeFileSync(new URL(`icons/${size}x${size}.png`, import.meta.url), png(size));
}
writeFileSync(new URL('icons/icon-512.png', import.meta.url), png(512));
