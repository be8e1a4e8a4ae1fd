import { generateKeyPairSync, sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { verifyEd25519 } from './signatures.ts';

function keyPair() {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  return { privateKey, publicKey: publicKey.export({ format: 'jwk' }).x ?? '' };
}

describe('verifyEd25519', () => {
  const payload = new TextEncoder().encode('{"event":{},"kid":"k","room":"r"}');

  it('KEY-4 verifies a signature made with the matching private key', () => {
    const { publicKey, privateKey } = keyPair();
    const sig = sign(null, payload, privateKey).toString('base64url');
    expect(sig).toHaveLength(86);
    expect(verifyEd25519(publicKey, payload, sig)).toBe(true);
  });

  it('KEY-4 is false for another payload, another key, or a changed signature', () => {
    const { publicKey, privateKey } = keyPair();
    const sig = sign(null, payload, privateKey);
    expect(verifyEd25519(publicKey, payload.slice(1), sig.toString('base64url'))).toBe(false);
    expect(verifyEd25519(keyPair().publicKey, payload, sig.toString('base64url'))).toBe(false);
    const flipped = Buffer.from(sig);
    flipped[10] = (flipped[10] ?? 0) ^ 1;
    expect(verifyEd25519(publicKey, payload, flipped.toString('base64url'))).toBe(false);
  });

  it('KEY-4 is false, never a throw, on malformed keys and signatures', () => {
    const { publicKey, privateKey } = keyPair();
    const sig = sign(null, payload, privateKey).toString('base64url');
    for (const [key, signature] of [
      ['', sig],
      ['not base64url!', sig],
      [Buffer.alloc(31).toString('base64url'), sig],
      [publicKey, ''],
      [publicKey, sig.slice(0, 85)],
      [publicKey, `${sig}AA`],
      [publicKey, `${sig}=`],
      [publicKey, '!'.repeat(86)],
    ] as const) {
      expect(verifyEd25519(key, payload, signature)).toBe(false);
    }
    expect(verifyEd25519(undefined as unknown as string, payload, sig)).toBe(false);
  });
});
