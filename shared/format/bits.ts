import { CODE_KINDS, codeFormatError, type GroupedCodeKind } from './code-kinds.ts';

/**
 * Packs unsigned fields of any bit width (up to 32) into bytes, most significant bit first, so a
 * certificate spends exactly the bits its fields need: an activation code must stay short.
 *
 * @example
 * new BitWriter().write(5, 3).write(1, 1).toBytes() // Uint8Array [0xb0]
 */
export class BitWriter {
  private bytes = new Uint8Array(64);
  private length = 0;

  write(value: number, width: number): this {
    if (!Number.isInteger(value) || value < 0 || value >= 2 ** width) {
      throw new RangeError(`value ${value} does not fit in ${width} bits`);
    }
    if (this.length + width > this.bytes.length * 8) {
      const grown = new Uint8Array(this.bytes.length * 2 + Math.ceil(width / 8));
      grown.set(this.bytes);
      this.bytes = grown;
    }
    // Bit operators work on 32 bits: a wider field is written as its high part, then its low 24 bits.
    if (width > 24) return this.write(Math.floor(value / 2 ** 24), width - 24).write(value % 2 ** 24, 24);
    // As many bits at once as fit in the current byte, most significant first.
    for (let remaining = width; remaining > 0; ) {
      const free = 8 - (this.length & 7);
      const take = Math.min(free, remaining);
      remaining -= take;
      const chunk = (value >>> remaining) & ((1 << take) - 1);
      this.bytes[this.length >> 3] = (this.bytes[this.length >> 3] as number) | (chunk << (free - take));
      this.length += take;
    }
    return this;
  }

  writeBytes(bytes: Uint8Array): this {
    for (const byte of bytes) this.write(byte, 8);
    return this;
  }

  toBytes(): Uint8Array {
    return this.bytes.slice(0, Math.ceil(this.length / 8));
  }
}

/**
 * Reads fields written by {@link BitWriter} from the payload of one kind of code; reading past the
 * end is that code's format error (it was cut short), never a silent zero.
 *
 * @example
 * new BitReader(new Uint8Array([0xb0]), 'activationCode').read(3) // 5
 */
export class BitReader {
  private position = 0;

  constructor(
    private readonly bytes: Uint8Array,
    private readonly kind: GroupedCodeKind,
  ) {}

  read(width: number): number {
    if (this.position + width > this.bytes.length * 8) {
      throw codeFormatError(this.kind, `the ${CODE_KINDS[this.kind].label} ends too early`);
    }
    let value = 0;
    for (let i = 0; i < width; i++, this.position++) {
      const bit = ((this.bytes[this.position >> 3] as number) >> (7 - (this.position & 7))) & 1;
      value = value * 2 + bit;
    }
    return value;
  }

  readBytes(count: number): Uint8Array {
    const out = new Uint8Array(count);
    for (let i = 0; i < count; i++) out[i] = this.read(8);
    return out;
  }

  /** Fails unless only zero padding (less than a byte) is left: trailing data means tampering. */
  expectEnd(): void {
    const left = this.bytes.length * 8 - this.position;
    if (left >= 8 || (left > 0 && this.read(left) !== 0)) {
      throw codeFormatError(this.kind, `the ${CODE_KINDS[this.kind].label} has unexpected data at its end`);
    }
  }
}
