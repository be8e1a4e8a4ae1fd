import 'fake-indexeddb/auto';
import { eventSigningPayload, KEY_ID_LENGTH, readSignature } from '@ronde/domain';
import { beforeEach, describe, expect, it } from 'vitest';
import { fromBase64Url, toBase64Url } from './base64url.ts';
import {
  configureKeyStore,
  deviceKeyFor,
  generateDeviceKey,
  keyIdOf,
  markRegistered,
  signBytes,
} from './deviceKey.ts';
import { indexedDbKeyStore, memoryKeyStore } from './keyStore.ts';

describe('device keys', () => {
  beforeEach(() => configureKeyStore(memoryKeyStore()));

  it('encodes base64url without padding, both ways', () => {
    const bytes = new Uint8Array([0, 251, 255, 1]);
    expect(toBase64Url(bytes)).toBe('APv_AQ');
    expect([...(fromBase64Url('APv_AQ') ?? [])]).toEqual([...bytes]);
    expect(fromBase64Url('A+==')).toBeNull();
  });

  it('names a key by the first 22 characters of base64url(SHA-256(raw))', async () => {
    // SHA-256 of 32 zero bytes is 66687aad…, in base64url 'Zmh6rfhi…'.
    const id = await keyIdOf(new Uint8Array(32));
    expect(id).toHaveLength(KEY_ID_LENGTH);
    expect(id).toBe('Zmh6rfhivXdsj8GLjp-OIA');
  });

  it('generates an Ed25519 pair whose private key cannot be exported', async () => {
    const key = await generateDeviceKey();
    expect(fromBase64Url(key.publicKey)).toHaveLength(32);
    expect(key.keyId).toBe(await keyIdOf(fromBase64Url(key.publicKey)!));
    expect(key.keyPair.privateKey.extractable).toBe(false);
    await expect(crypto.subtle.exportKey('pkcs8', key.keyPair.privateKey)).rejects.toThrow();
  });

  it('signs the event payload so that the signature reads and verifies', async () => {
    const key = await generateDeviceKey();
    const event = {
      id: 'evt00001',
      type: 'step.next',
      by: 'user0001',
      at: 1,
      expects: { phase: 'check-in', itemId: null, stepId: null },
    } as const;
    const payload = eventSigningPayload('space001/meeting/meet0001', key.keyId, event as never);
    const sig = await signBytes(key, payload);
    expect(readSignature({ kid: key.keyId, sig })).toEqual({ kid: key.keyId, sig });
    expect(
      await crypto.subtle.verify(
        'Ed25519',
        key.keyPair.publicKey,
        fromBase64Url(sig)!,
        new Uint8Array(payload),
      ),
    ).toBe(true);
  });

  it('keeps one key per space and member, and remembers its registration', async () => {
    const a = await deviceKeyFor('space001', 'user0001');
    const [again, concurrent] = await Promise.all([
      deviceKeyFor('space001', 'user0001'),
      deviceKeyFor('space001', 'user0001'),
    ]);
    expect(again.key.keyId).toBe(a.key.keyId);
    expect(concurrent.key.keyId).toBe(a.key.keyId);
    expect((await deviceKeyFor('space002', 'user0001')).key.keyId).not.toBe(a.key.keyId);
    expect(a.registered).toBe(false);
    await markRegistered('space001', 'user0001', true);
    expect((await deviceKeyFor('space001', 'user0001')).registered).toBe(true);
  });

  it('stores the pair in IndexedDB, where a reload finds the same key', async () => {
    const store = indexedDbKeyStore();
    configureKeyStore(store);
    const first = await deviceKeyFor('space003', 'user0001');
    configureKeyStore(indexedDbKeyStore()); // a reload: nothing in memory
    const reloaded = await deviceKeyFor('space003', 'user0001');
    expect(reloaded.key.keyId).toBe(first.key.keyId);
    // The stored private key still signs, and stays non-extractable.
    expect(reloaded.key.keyPair.privateKey.extractable).toBe(false);
    const sig = await signBytes(reloaded.key, new Uint8Array([1, 2, 3]));
    expect(
      await crypto.subtle.verify(
        'Ed25519',
        first.key.keyPair.publicKey,
        fromBase64Url(sig)!,
        new Uint8Array([1, 2, 3]),
      ),
    ).toBe(true);
  });

  it('lets the first of two racing tabs win the slot', async () => {
    const store = memoryKeyStore();
    const one = { key: await generateDeviceKey(), registered: false };
    const two = { key: await generateDeviceKey(), registered: false };
    expect(await store.putIfAbsent('s/u', one)).toBe(one);
    expect(await store.putIfAbsent('s/u', two)).toBe(one);
  });
});
