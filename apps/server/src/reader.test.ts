import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import {
  MalformedError,
  createReader,
  expectEnd,
  readVarBytes,
  readVarString,
  readVarUint,
} from './reader.ts';

function encode(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  write(encoder);
  return encoding.toUint8Array(encoder);
}

describe('reader', () => {
  it('reads what lib0 writes', () => {
    const bytes = encode((e) => {
      encoding.writeVarUint(e, 0);
      encoding.writeVarUint(e, 300);
      encoding.writeVarUint(e, Number.MAX_SAFE_INTEGER);
      encoding.writeVarUint8Array(e, new Uint8Array([1, 2, 3]));
      encoding.writeVarString(e, 'héllo');
    });
    const reader = createReader(bytes);
    expect(readVarUint(reader, 'a')).toBe(0);
    expect(readVarUint(reader, 'b')).toBe(300);
    expect(readVarUint(reader, 'c')).toBe(Number.MAX_SAFE_INTEGER);
    expect(readVarBytes(reader, 'd')).toEqual(new Uint8Array([1, 2, 3]));
    expect(readVarString(reader, 'e')).toBe('héllo');
    expect(() => expectEnd(reader, 'message')).not.toThrow();
  });

  it('throws on a truncated varUint instead of reading past the end', () => {
    expect(() => readVarUint(createReader(new Uint8Array([0x80])), 'n')).toThrow(MalformedError);
    expect(() => readVarUint(createReader(new Uint8Array([])), 'n')).toThrow(/truncated n/);
  });

  it('throws on a varUint beyond 53 bits', () => {
    const bytes = new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f]);
    expect(() => readVarUint(createReader(bytes), 'n')).toThrow(/out of range/);
  });

  it('throws when a length runs past the end, even inside a larger buffer', () => {
    const pool = new Uint8Array([5, 1, 2, 9, 9, 9, 9]);
    const view = pool.subarray(0, 3); // claims 5 bytes, holds 2
    expect(() => readVarBytes(createReader(view), 'update')).toThrow(/truncated update/);
  });

  it('rejects invalid UTF-8 and trailing bytes', () => {
    expect(() => readVarString(createReader(new Uint8Array([1, 0xff])), 's')).toThrow(/UTF-8/);
    const reader = createReader(new Uint8Array([1, 2]));
    readVarUint(reader, 'n');
    expect(() => expectEnd(reader, 'message')).toThrow(/1 trailing bytes/);
  });
});
