/** Writes unsigned 32-bit integers as LEB128 varints (7 bits a byte, high bit = more). */
export class VarintWriter {
  private buffer: Uint8Array;
  private length = 0;

  constructor(capacity: number) {
    this.buffer = new Uint8Array(Math.max(64, capacity));
  }

  write(value: number): void {
    if (this.length + 5 > this.buffer.length) {
      const next = new Uint8Array(this.buffer.length * 2);
      next.set(this.buffer);
      this.buffer = next;
    }
    let v = value >>> 0;
    while (v >= 0x80) {
      this.buffer[this.length++] = (v & 0x7f) | 0x80;
      v >>>= 7;
    }
    this.buffer[this.length++] = v;
  }

  bytes(): Uint8Array {
    return this.buffer.subarray(0, this.length);
  }
}

/** Reads what `VarintWriter` wrote; throws on truncated or overlong input. */
export class VarintReader {
  private at = 0;

  constructor(private readonly buffer: Uint8Array) {}

  read(): number {
    let value = 0;
    let shift = 0;
    for (;;) {
      if (this.at >= this.buffer.length) throw new Error('truncated');
      const byte = this.buffer[this.at++];
      value += (byte & 0x7f) * 2 ** shift;
      if (byte < 0x80) return value;
      shift += 7;
      if (shift > 35) throw new Error('bad varint');
    }
  }

  done(): boolean {
    return this.at === this.buffer.length;
  }
}
