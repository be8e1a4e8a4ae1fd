import { describe, expect, it } from 'vitest';
import { sha256Hex } from './sha256.ts';

describe('sha256 (ELECT-3 seals)', () => {
  it('matches the FIPS 180-4 examples', () => {
    expect(sha256Hex('abc')).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('matches WebCrypto on inputs around the block boundaries and beyond ASCII', async () => {
    for (const length of [1, 55, 56, 57, 63, 64, 65, 119, 120, 1000]) {
      const text = 'é'.repeat(length % 7) + 'x'.repeat(length);
      const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
      const hex = [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
      expect(sha256Hex(text)).toBe(hex);
    }
  });
});
