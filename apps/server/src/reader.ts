/**
 * A strict reader of lib0's binary encoding. lib0's own decoders trust their
 * input (`readUint8` past the end returns `undefined`, and views may reach
 * into a pooled buffer), so every read here checks the bounds itself and
 * throws a {@link MalformedError}.
 */
export class MalformedError extends Error {
  override name = 'MalformedError';
}

export interface Reader {
  readonly bytes: Uint8Array;
  pos: number;
}

export function createReader(bytes: Uint8Array): Reader {
  return { bytes, pos: 0 };
}

export function remaining(reader: Reader): number {
  return reader.bytes.length - reader.pos;
}

/** A lib0 varUint: 7 bits per byte, little-endian, at most 53 bits. */
export function readVarUint(reader: Reader, what: string): number {
  let value = 0;
  let multiplier = 1;
  for (let i = 0; i < 8; i++) {
    if (reader.pos >= reader.bytes.length) throw new MalformedError(`truncated ${what}`);
    const byte = reader.bytes[reader.pos++] as number;
    value += (byte & 0x7f) * multiplier;
    if (value > Number.MAX_SAFE_INTEGER) throw new MalformedError(`${what} out of range`);
    if (byte < 0x80) return value;
    multiplier *= 128;
  }
  throw new MalformedError(`${what} out of range`);
}

/** A lib0 varUint8Array: a varUint length, then that many bytes (copied). */
export function readVarBytes(reader: Reader, what: string): Uint8Array {
  const length = readVarUint(reader, `${what} length`);
  if (length > remaining(reader)) throw new MalformedError(`truncated ${what}`);
  const out = reader.bytes.slice(reader.pos, reader.pos + length);
  reader.pos += length;
  return out;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** A lib0 varString: a varUint8Array of valid UTF-8. */
export function readVarString(reader: Reader, what: string): string {
  const bytes = readVarBytes(reader, what);
  try {
    return utf8.decode(bytes);
  } catch {
    throw new MalformedError(`${what} is not valid UTF-8`);
  }
}

/** Rejects trailing garbage. */
export function expectEnd(reader: Reader, what: string): void {
  if (reader.pos !== reader.bytes.length) {
    throw new MalformedError(`${remaining(reader)} trailing bytes after ${what}`);
  }
}
