import { createHash, generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decodeDevicePublicKey, deviceKeyId, hasSmallOrder } from './deviceKeys.ts';

/** A fresh Ed25519 public key, raw, in base64url (as WebCrypto exports it). */
function newPublicKey(): string {
  const { publicKey } = generateKeyPairSync('ed25519');
  return publicKey.export({ format: 'jwk' }).x ?? '';
}

/** libsodium's list of small-order encodings (ed25519_ref10.c), for a cross-check. */
const SODIUM_BLOCKLIST = [
  '0000000000000000000000000000000000000000000000000000000000000000',
  '0100000000000000000000000000000000000000000000000000000000000000',
  '26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05',
  'c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a',
  'ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
  'edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
  'eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
];

describe('deviceKeys', () => {
  it('KEY-1 a key id is the first 22 characters of base64url(SHA-256(raw key))', () => {
    const raw = new Uint8Array(32).fill(7);
    const id = deviceKeyId(raw);
    expect(id).toBe(createHash('sha256').update(raw).digest('base64url').slice(0, 22));
    expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(deviceKeyId(new Uint8Array(32))).toBe('Zmh6rfhivXdsj8GLjp-OIA');
  });

  it('KEY-2 accepts a real Ed25519 public key and returns its 32 bytes', () => {
    const key = newPublicKey();
    const raw = decodeDevicePublicKey(key);
    expect(raw).toHaveLength(32);
    expect(Buffer.from(raw!).toString('base64url')).toBe(key);
  });

  it('KEY-2 refuses other lengths, padding, non-base64url and non-canonical spellings', () => {
    const key = newPublicKey();
    expect(decodeDevicePublicKey(Buffer.alloc(31, 9).toString('base64url'))).toBeNull();
    expect(decodeDevicePublicKey(Buffer.alloc(33, 9).toString('base64url'))).toBeNull();
    expect(decodeDevicePublicKey(`${key}=`)).toBeNull();
    expect(decodeDevicePublicKey(Buffer.from(key, 'base64url').toString('base64'))).toBeNull();
    expect(decodeDevicePublicKey(`${key.slice(0, 42)}!`)).toBeNull();
    expect(decodeDevicePublicKey('')).toBeNull();
    expect(decodeDevicePublicKey(42 as unknown as string)).toBeNull();
    // The last character carries 4 spare bits: another letter decodes to the same bytes.
    const last = key.at(-1)!;
    const sameBytes = 'AEIMQUYcgkosw048'.includes(last) ? null : `${key.slice(0, 42)}A`;
    if (sameBytes !== null) expect(decodeDevicePublicKey(sameBytes)).toBeNull();
  });

  it('KEY-2 refuses small-order and non-canonical points (the same list as libsodium)', () => {
    for (const hex of SODIUM_BLOCKLIST) {
      const raw = Buffer.from(hex, 'hex');
      expect(hasSmallOrder(raw), hex).toBe(true);
      expect(decodeDevicePublicKey(raw.toString('base64url')), hex).toBeNull();
      // The sign bit does not change the point's order.
      raw[31] = (raw[31] ?? 0) | 0x80;
      expect(hasSmallOrder(raw), `${hex} with the sign bit`).toBe(true);
    }
    for (let i = 0; i < 20; i++) {
      expect(hasSmallOrder(Buffer.from(newPublicKey(), 'base64url'))).toBe(false);
    }
  });
});
