/** `COPY … (FORMAT binary)`'s signature, then 32-bit flags and header-extension length (both 0). */
const SIGNATURE = [0x50, 0x47, 0x43, 0x4f, 0x50, 0x59, 0x0a, 0xff, 0x0d, 0x0a, 0x00, 0, 0, 0, 0, 0, 0, 0, 0];
/** The `text` type's OID: the element type every text array names. */
const TEXT_OID = 25;
/** The `integer` type's OID, for `integer[]`. */
const INT4_OID = 23;
/** jsonb's binary input: a format version byte (1), then the JSON text. */
const JSONB_VERSION = 1;

/**
 * Writes the data of one `COPY … FROM STDIN (FORMAT binary)` into one growing buffer: the header, then rows of
 * fields in PostgreSQL's binary send formats (a 32-bit length, -1 for NULL, then the value), then the trailer.
 * The server then parses no text: a `tsvector` arrives as its lexemes and positions, arrays as their elements.
 * Strings are sent as UTF-8 with U+0000 dropped (PostgreSQL text cannot hold it; some sources carry it).
 *
 * @example
 * const copy = new CopyBinaryWriter();
 * copy.row(2); copy.text('2403.01234'); copy.int4(2024);
 * socket.write(copy.finish());
 */
export class CopyBinaryWriter {
  private buffer: Buffer;
  /** Bytes written so far. */
  at = 0;

  constructor(initialBytes = 1 << 20) {
    // Never from the shared pool: a worker hands the whole ArrayBuffer over to the main thread.
    this.buffer = Buffer.allocUnsafeSlow(Math.max(64, initialBytes));
    for (const byte of SIGNATURE) this.buffer[this.at++] = byte;
  }

  /** Starts a row of `fields` fields. */
  row(fields: number): void {
    this.reserve(2);
    this.buffer.writeInt16BE(fields, this.at);
    this.at += 2;
  }

  null(): void {
    this.int32(-1);
  }

  text(value: string): void {
    this.reserve(4 + value.length * 3);
    const start = this.at;
    this.at += 4;
    this.utf8(value);
    this.buffer.writeInt32BE(this.at - start - 4, start);
  }

  /** A text field, or NULL for `undefined`. */
  optionalText(value: string | undefined): void {
    if (value === undefined) this.null();
    else this.text(value);
  }

  int4(value: number): void {
    this.reserve(8);
    this.buffer.writeInt32BE(4, this.at);
    this.buffer.writeInt32BE(value, this.at + 4);
    this.at += 8;
  }

  /** A one-dimensional `integer[]` (no NULL elements). */
  int4Array(values: ArrayLike<number>): void {
    const count = values.length;
    this.reserve(4 + 12 + (count > 0 ? 8 : 0) + count * 8);
    const buffer = this.buffer;
    const start = this.at;
    buffer.writeInt32BE(count > 0 ? 1 : 0, start + 4);
    buffer.writeInt32BE(0, start + 8);
    buffer.writeInt32BE(INT4_OID, start + 12);
    this.at = start + 16;
    if (count > 0) {
      buffer.writeInt32BE(count, this.at);
      buffer.writeInt32BE(1, this.at + 4);
      this.at += 8;
    }
    for (let i = 0; i < count; i++) {
      buffer.writeInt32BE(4, this.at);
      buffer.writeInt32BE(values[i], this.at + 4);
      this.at += 8;
    }
    buffer.writeInt32BE(this.at - start - 4, start);
  }

  /** A one-dimensional `text[]` (no NULL elements). */
  textArray(values: readonly string[]): void {
    let bytes = 12 + (values.length > 0 ? 8 : 0);
    for (const value of values) bytes += 4 + value.length * 3;
    this.reserve(4 + bytes);
    const start = this.at;
    const buffer = this.buffer;
    buffer.writeInt32BE(values.length > 0 ? 1 : 0, start + 4);
    buffer.writeInt32BE(0, start + 8);
    buffer.writeInt32BE(TEXT_OID, start + 12);
    this.at = start + 16;
    if (values.length > 0) {
      buffer.writeInt32BE(values.length, this.at);
      buffer.writeInt32BE(1, this.at + 4);
      this.at += 8;
    }
    for (const value of values) {
      const element = this.at;
      this.at += 4;
      this.utf8(value);
      buffer.writeInt32BE(this.at - element - 4, element);
    }
    buffer.writeInt32BE(this.at - start - 4, start);
  }

  jsonb(json: string): void {
    this.reserve(5 + json.length * 3);
    const start = this.at;
    this.buffer[start + 4] = JSONB_VERSION;
    this.at += 5;
    this.utf8(json);
    this.buffer.writeInt32BE(this.at - start - 4, start);
  }

  /**
   * Starts a field whose bytes the caller writes with `int16`/`int32`/`bytes` (after `reserve`), and returns where
   * its length goes: hand it to `endField`.
   */
  startField(): number {
    this.reserve(4);
    this.at += 4;
    return this.at - 4;
  }

  endField(start: number): void {
    this.buffer.writeInt32BE(this.at - start - 4, start);
  }

  /** Makes room for `bytes` more bytes. */
  reserve(bytes: number): void {
    if (this.at + bytes <= this.buffer.length) return;
    const grown = Buffer.allocUnsafeSlow(Math.max(this.buffer.length * 2, this.at + bytes));
    this.buffer.copy(grown, 0, 0, this.at);
    this.buffer = grown;
  }

  /** Writes a 16-bit value (room reserved). */
  int16(value: number): void {
    this.buffer[this.at++] = value >>> 8;
    this.buffer[this.at++] = value & 0xff;
  }

  /** Writes a 32-bit value (room reserved). */
  int32(value: number): void {
    this.reserve(4);
    this.buffer.writeInt32BE(value, this.at);
    this.at += 4;
  }

  /** Writes `values[from … to)` as 16-bit values (room reserved). */
  int16s(values: Uint16Array, from: number, to: number): void {
    const buffer = this.buffer;
    let at = this.at;
    for (let i = from; i < to; i++) {
      buffer[at++] = values[i] >>> 8;
      buffer[at++] = values[i] & 0xff;
    }
    this.at = at;
  }

  /** Writes `bytes[from … to)` (room reserved). */
  bytes(bytes: Uint8Array, from = 0, to = bytes.length): void {
    const buffer = this.buffer;
    const at = this.at - from;
    // Lexemes are short: a loop beats `set`'s call for them.
    if (to - from > 32) buffer.set(bytes.subarray(from, to), this.at);
    else for (let i = from; i < to; i++) buffer[at + i] = bytes[i];
    this.at += to - from;
  }

  /** The trailer written: the whole COPY data (a view of the buffer; the writer is done). */
  finish(): Buffer {
    this.reserve(2);
    this.buffer.writeInt16BE(-1, this.at);
    this.at += 2;
    return this.buffer.subarray(0, this.at);
  }

  /** UTF-8 of `value` without U+0000, at `at` (room reserved: 3 bytes per UTF-16 unit). */
  private utf8(value: string): void {
    const text = value.includes('\u0000') ? value.replaceAll('\u0000', '') : value;
    this.at += this.buffer.write(text, this.at, 'utf8');
  }
}
