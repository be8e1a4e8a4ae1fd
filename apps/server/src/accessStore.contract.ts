import { generateKeyPairSync } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { inviteStatus, type AccessStore, type PracticeMarks } from './accessStore.ts';
import { deviceKeyId, MAX_DEVICE_KEYS_PER_MEMBER } from './deviceKeys.ts';

/** A fresh Ed25519 public key: raw 32 bytes in base64url, as a browser exports it. */
function publicKey(): string {
  return generateKeyPairSync('ed25519').publicKey.export({ format: 'jwk' }).x ?? '';
}

/** How the contract gets stores: `open()` twice on one fixture must reach the same data. */
export interface AccessStoreFixture {
  open(): Promise<AccessStore>;
  cleanup(): Promise<void>;
}

const SPACE = 'spContract1';
const OTHER = 'spContract2';
const T0 = 1_700_000_000_000;

/**
 * The behaviour every access store must have (docs/trust-api.md). Run it
 * from the adapter's test file:
 *
 * @example
 * runAccessStoreContract('sqlite', async () => ({ open: () => openSqliteAccessStore(dir), cleanup }));
 */
export function runAccessStoreContract(
  name: string,
  makeFixture: () => Promise<AccessStoreFixture>,
): void {
  describe(`access store contract: ${name}`, () => {
    let fixture: AccessStoreFixture | null = null;
    const open: AccessStore[] = [];

    async function start(): Promise<AccessStore> {
      fixture ??= await makeFixture();
      const store = await fixture.open();
      open.push(store);
      return store;
    }

    afterEach(async () => {
      for (const store of open.splice(0)) await store.close().catch(() => undefined);
      await fixture?.cleanup();
      fixture = null;
    });

    it('creates a space: one admin with a key, and an unlimited member invite', async () => {
      const store = await start();
      const { member, key, invite } = await store.createSpace({
        spaceId: SPACE,
        adminName: 'Ada',
        now: T0,
      });
      expect(member).toMatchObject({ spaceId: SPACE, name: 'Ada', role: 'admin', inviteId: null });
      expect(member.joinedAt).toBe(T0);
      expect(key).toMatch(/^[A-Za-z0-9_-]{43,}$/);
      expect(invite).toMatchObject({
        spaceId: SPACE,
        role: 'member',
        expiresAt: null,
        maxUses: null,
        uses: 0,
        revokedAt: null,
      });
      expect(invite.code).toMatch(/^[A-Za-z0-9_-]{22,}$/);
      expect(await store.listMembers(SPACE)).toEqual([member]);
      expect(await store.listInvites(SPACE)).toEqual([invite]);
      expect(await store.listMembers(OTHER)).toEqual([]);
    });

    it('checks keys: the right one for the right member only', async () => {
      const store = await start();
      const { member, key } = await store.createSpace({ spaceId: SPACE, adminName: 'A', now: T0 });
      expect(await store.checkKey(SPACE, member.userId, key)).toEqual(member);
      expect(await store.checkKey(SPACE, member.userId, key + 'x')).toBeNull();
      expect(await store.checkKey(SPACE, member.userId, '')).toBeNull();
      expect(await store.checkKey(OTHER, member.userId, key)).toBeNull();
      expect(await store.checkKey(SPACE, 'usNobody1', key)).toBeNull();
    });

    it('mints distinct ids, keys and codes', async () => {
      const store = await start();
      const a = await store.createSpace({ spaceId: SPACE, adminName: 'A', now: T0 });
      const b = await store.createSpace({ spaceId: OTHER, adminName: 'B', now: T0 });
      expect(a.member.userId).not.toBe(b.member.userId);
      expect(a.key).not.toBe(b.key);
      expect(a.invite.code).not.toBe(b.invite.code);
    });

    it('redeems an invite: a member with the invite role, one use counted', async () => {
      const store = await start();
      await store.createSpace({ spaceId: SPACE, adminName: 'A', now: T0 });
      const invite = await store.createInvite({
        spaceId: SPACE,
        role: 'observer',
        expiresAt: null,
        maxUses: 5,
        now: T0,
      });
      const result = await store.redeemInvite(invite.code, 'Bea', T0 + 1);
      if (!result.ok) throw new Error(result.reason);
      expect(result.member).toMatchObject({
        spaceId: SPACE,
        name: 'Bea',
        role: 'observer',
        inviteId: invite.id,
        joinedAt: T0 + 1,
      });
      expect(await store.checkKey(SPACE, result.member.userId, result.key)).toEqual(result.member);
      const [, listed] = await store.listInvites(SPACE);
      expect(listed?.uses).toBe(1);
      expect(await store.getMember(SPACE, result.member.userId)).toEqual(result.member);
    });

    it('refuses unknown, expired, used-up and revoked invites', async () => {
      const store = await start();
      expect(await store.redeemInvite('nope', 'X', T0)).toEqual({ ok: false, reason: 'unknown' });
      const expiring = await store.createInvite({
        spaceId: SPACE,
        role: 'member',
        expiresAt: T0 + 1000,
        maxUses: null,
        now: T0,
      });
      expect((await store.redeemInvite(expiring.code, 'X', T0 + 999)).ok).toBe(true);
      expect(await store.redeemInvite(expiring.code, 'X', T0 + 1000)).toEqual({
        ok: false,
        reason: 'expired',
      });
      const once = await store.createInvite({
        spaceId: SPACE,
        role: 'member',
        expiresAt: null,
        maxUses: 1,
        now: T0,
      });
      expect((await store.redeemInvite(once.code, 'Y', T0)).ok).toBe(true);
      expect(await store.redeemInvite(once.code, 'Z', T0)).toEqual({
        ok: false,
        reason: 'used_up',
      });
      const revoked = await store.createInvite({
        spaceId: SPACE,
        role: 'member',
        expiresAt: null,
        maxUses: null,
        now: T0,
      });
      const after = await store.revokeInvite(SPACE, revoked.id, T0 + 5);
      expect(after).toMatchObject({ id: revoked.id, revokedAt: T0 + 5 });
      expect(inviteStatus(after!, T0 + 6)).toBe('revoked');
      expect(await store.redeemInvite(revoked.code, 'X', T0)).toEqual({
        ok: false,
        reason: 'revoked',
      });
      // Revoking again keeps the first time; another space cannot revoke it.
      expect(await store.revokeInvite(SPACE, revoked.id, T0 + 9)).toMatchObject({
        revokedAt: T0 + 5,
      });
      expect(await store.revokeInvite(OTHER, revoked.id, T0)).toBeNull();
      expect(await store.revokeInvite(SPACE, 'inNobody1', T0)).toBeNull();
    });

    it('INVITE-1 finds an invite by its code whatever its status, and counts no use', async () => {
      const store = await start();
      expect(await store.findInvite('nope')).toBeNull();
      const once = await store.createInvite({
        spaceId: SPACE,
        role: 'facilitator',
        expiresAt: T0 + 1000,
        maxUses: 1,
        now: T0,
      });
      expect(await store.findInvite(once.code)).toEqual(once);
      expect(await store.findInvite(once.code)).toMatchObject({ uses: 0 });
      // Looking twice used nothing: the one use is still there to redeem.
      expect((await store.redeemInvite(once.code, 'Bea', T0 + 1)).ok).toBe(true);
      expect(await store.findInvite(once.code)).toMatchObject({ id: once.id, uses: 1 });
      await store.revokeInvite(SPACE, once.id, T0 + 2);
      expect(await store.findInvite(once.code)).toMatchObject({ revokedAt: T0 + 2 });
      // Codes are compared exactly: another case or a prefix is no code.
      expect(await store.findInvite(once.code.toUpperCase() + 'x')).toBeNull();
      expect(await store.findInvite(once.code.slice(0, -1))).toBeNull();
    });

    it('gives the last use of an invite to exactly one of many concurrent redemptions', async () => {
      const store = await start();
      const second = await start();
      const invite = await store.createInvite({
        spaceId: SPACE,
        role: 'member',
        expiresAt: null,
        maxUses: 3,
        now: T0,
      });
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          (i % 2 ? second : store).redeemInvite(invite.code, `P${i}`, T0),
        ),
      );
      expect(results.filter((r) => r.ok)).toHaveLength(3);
      expect(results.filter((r) => !r.ok && r.reason === 'used_up')).toHaveLength(7);
      expect(await store.listMembers(SPACE)).toHaveLength(3);
      expect((await store.listInvites(SPACE))[0]?.uses).toBe(3);
    });

    it('changes a role, and never demotes the last admin', async () => {
      const store = await start();
      const { member: admin } = await store.createSpace({
        spaceId: SPACE,
        adminName: 'A',
        now: T0,
      });
      expect(await store.setRole(SPACE, admin.userId, 'member')).toEqual({
        ok: false,
        reason: 'last_admin',
      });
      expect(await store.setRole(SPACE, admin.userId, 'admin')).toMatchObject({ ok: true });
      const { invite } = { invite: (await store.listInvites(SPACE))[0]! };
      const joined = await store.redeemInvite(invite.code, 'B', T0);
      if (!joined.ok) throw new Error(joined.reason);
      const promoted = await store.setRole(SPACE, joined.member.userId, 'admin');
      expect(promoted).toMatchObject({
        ok: true,
        previous: { role: 'member' },
        member: { role: 'admin', userId: joined.member.userId },
      });
      expect(await store.setRole(SPACE, admin.userId, 'observer')).toMatchObject({ ok: true });
      expect((await store.getMember(SPACE, admin.userId))?.role).toBe('observer');
      expect(await store.setRole(SPACE, joined.member.userId, 'member')).toEqual({
        ok: false,
        reason: 'last_admin',
      });
      expect(await store.setRole(SPACE, 'usNobody1', 'member')).toEqual({
        ok: false,
        reason: 'not_found',
      });
    });

    it('NAME-5 renames a member, that one only; nobody for an unknown member', async () => {
      const store = await start();
      const { member: admin, invite } = await store.createSpace({
        spaceId: SPACE,
        adminName: 'Ada',
        now: T0,
      });
      const joined = await store.redeemInvite(invite.code, 'Bea', T0);
      if (!joined.ok) throw new Error(joined.reason);
      expect(await store.renameMember(SPACE, joined.member.userId, 'Béatrice')).toMatchObject({
        ok: true,
        member: { userId: joined.member.userId, name: 'Béatrice', role: 'member' },
      });
      expect((await store.getMember(SPACE, joined.member.userId))?.name).toBe('Béatrice');
      expect((await store.getMember(SPACE, admin.userId))?.name).toBe('Ada');
      expect(await store.renameMember(SPACE, 'usNobody1', 'X')).toEqual({
        ok: false,
        reason: 'not_found',
      });
    });

    it('NAME-7 no two members of a space go by one name: a redemption uses nothing, a rename changes nothing', async () => {
      const store = await start();
      const { member: ada, invite } = await store.createSpace({
        spaceId: SPACE,
        adminName: 'Ada',
        now: T0,
      });
      // Compared case-insensitively and after NFKC: full-width "Ａｄａ" is Ada.
      for (const name of ['Ada', 'ADA', '\uFF21\uFF44\uFF41']) {
        expect(await store.redeemInvite(invite.code, name, T0)).toEqual({
          ok: false,
          reason: 'name_taken',
        });
      }
      expect((await store.listInvites(SPACE))[0]?.uses).toBe(0);
      const bea = await store.redeemInvite(invite.code, 'Bea', T0);
      if (!bea.ok) throw new Error(bea.reason);
      expect(await store.renameMember(SPACE, bea.member.userId, 'ada')).toEqual({
        ok: false,
        reason: 'name_taken',
      });
      expect((await store.getMember(SPACE, bea.member.userId))?.name).toBe('Bea');
      // One's own name in another case is still one's own; another space is another namespace.
      expect(await store.renameMember(SPACE, ada.userId, 'ADA')).toMatchObject({ ok: true });
      const other = await store.createSpace({ spaceId: OTHER, adminName: 'Bea', now: T0 });
      expect((await store.redeemInvite(other.invite.code, 'Ada', T0)).ok).toBe(true);
    });

    it('NAME-7 of concurrent redemptions under one name, exactly one succeeds', async () => {
      const store = await start();
      const second = await start();
      const { invite } = await store.createSpace({ spaceId: SPACE, adminName: 'Ada', now: T0 });
      const results = await Promise.all(
        Array.from({ length: 6 }, (_, i) =>
          (i % 2 ? second : store).redeemInvite(invite.code, i % 2 ? 'Cy' : 'CY', T0),
        ),
      );
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      expect(results.filter((r) => !r.ok && r.reason === 'name_taken')).toHaveLength(5);
      expect((await store.listInvites(SPACE))[0]?.uses).toBe(1);
    });

    it('removes a member with their key, and never the last admin', async () => {
      const store = await start();
      const { member: admin, invite } = await store.createSpace({
        spaceId: SPACE,
        adminName: 'A',
        now: T0,
      });
      const joined = await store.redeemInvite(invite.code, 'B', T0);
      if (!joined.ok) throw new Error(joined.reason);
      expect(await store.removeMember(SPACE, admin.userId)).toEqual({
        ok: false,
        reason: 'last_admin',
      });
      expect(await store.removeMember(SPACE, joined.member.userId)).toMatchObject({ ok: true });
      expect(await store.getMember(SPACE, joined.member.userId)).toBeNull();
      expect(await store.checkKey(SPACE, joined.member.userId, joined.key)).toBeNull();
      expect(await store.removeMember(SPACE, joined.member.userId)).toEqual({
        ok: false,
        reason: 'not_found',
      });
      expect((await store.listMembers(SPACE)).map((m) => m.userId)).toEqual([admin.userId]);
    });

    it('KEY-1 registers a device key under its id, listed oldest first', async () => {
      const store = await start();
      const [a, b] = [publicKey(), publicKey()];
      const first = await store.addDeviceKey({
        spaceId: SPACE,
        userId: 'usKeys0001',
        publicKey: a,
        now: T0,
      });
      expect(first).toEqual({
        ok: true,
        created: true,
        key: {
          keyId: deviceKeyId(Buffer.from(a, 'base64url')),
          spaceId: SPACE,
          userId: 'usKeys0001',
          publicKey: a,
          addedAt: T0,
        },
      });
      const second = await store.addDeviceKey({
        spaceId: SPACE,
        userId: 'usKeys0002',
        publicKey: b,
        now: T0 + 1,
      });
      if (!first.ok || !second.ok) throw new Error('refused');
      expect(await store.listDeviceKeys(SPACE)).toEqual([first.key, second.key]);
      expect(await store.getDeviceKey(SPACE, first.key.keyId)).toEqual(first.key);
      expect(await store.getDeviceKey(OTHER, first.key.keyId)).toBeNull();
      expect(await store.listDeviceKeys(OTHER)).toEqual([]);
    });

    it('KEY-2 refuses a key that is not a raw 32-byte Ed25519 key', async () => {
      const store = await start();
      for (const bad of [
        '',
        'abc',
        Buffer.alloc(31, 1).toString('base64url'),
        Buffer.alloc(33, 1).toString('base64url'),
        Buffer.alloc(32).toString('base64url'),
        `${publicKey()}=`,
      ]) {
        expect(
          await store.addDeviceKey({
            spaceId: SPACE,
            userId: 'usKeys0001',
            publicKey: bad,
            now: T0,
          }),
          bad,
        ).toEqual({ ok: false, reason: 'invalid_key' });
      }
      expect(await store.listDeviceKeys(SPACE)).toEqual([]);
    });

    it('KEY-6 the same key again is idempotent for its member and refused for another', async () => {
      const store = await start();
      const key = publicKey();
      const first = await store.addDeviceKey({
        spaceId: SPACE,
        userId: 'usKeys0001',
        publicKey: key,
        now: T0,
      });
      if (!first.ok) throw new Error(first.reason);
      expect(
        await store.addDeviceKey({
          spaceId: SPACE,
          userId: 'usKeys0001',
          publicKey: key,
          now: T0 + 9,
        }),
      ).toEqual({ ok: true, created: false, key: first.key });
      expect(
        await store.addDeviceKey({ spaceId: SPACE, userId: 'usKeys0002', publicKey: key, now: T0 }),
      ).toEqual({ ok: false, reason: 'invalid_key' });
      // Another space is another namespace: the device may join it with the same key.
      expect(
        await store.addDeviceKey({ spaceId: OTHER, userId: 'usKeys0002', publicKey: key, now: T0 }),
      ).toMatchObject({ ok: true, created: true });
      expect(await store.listDeviceKeys(SPACE)).toEqual([first.key]);
    });

    it('KEY-3 at most MAX_DEVICE_KEYS_PER_MEMBER keys per member, even when sent at once', async () => {
      const store = await start();
      const second = await start();
      const results = await Promise.all(
        Array.from({ length: MAX_DEVICE_KEYS_PER_MEMBER + 5 }, (_, i) =>
          (i % 2 ? second : store).addDeviceKey({
            spaceId: SPACE,
            userId: 'usKeys0001',
            publicKey: publicKey(),
            now: T0 + i,
          }),
        ),
      );
      expect(results.filter((r) => r.ok)).toHaveLength(MAX_DEVICE_KEYS_PER_MEMBER);
      expect(results.filter((r) => !r.ok && r.reason === 'too_many')).toHaveLength(5);
      // Another member is not affected; an existing key is still answered.
      const first = results[0];
      if (!first?.ok) throw new Error('the first key was refused');
      expect(
        await store.addDeviceKey({
          spaceId: SPACE,
          userId: 'usKeys0001',
          publicKey: first.key.publicKey,
          now: T0,
        }),
      ).toMatchObject({ ok: true, created: false });
      expect(
        await store.addDeviceKey({
          spaceId: SPACE,
          userId: 'usKeys0002',
          publicKey: publicKey(),
          now: T0,
        }),
      ).toMatchObject({ ok: true, created: true });
    });

    it('KEY-5 keeps device keys when their member is removed', async () => {
      const store = await start();
      const { invite } = await store.createSpace({ spaceId: SPACE, adminName: 'A', now: T0 });
      const joined = await store.redeemInvite(invite.code, 'B', T0);
      if (!joined.ok) throw new Error(joined.reason);
      const added = await store.addDeviceKey({
        spaceId: SPACE,
        userId: joined.member.userId,
        publicKey: publicKey(),
        now: T0,
      });
      if (!added.ok) throw new Error(added.reason);
      expect(await store.removeMember(SPACE, joined.member.userId)).toMatchObject({ ok: true });
      expect(await store.getDeviceKey(SPACE, added.key.keyId)).toEqual(added.key);
      expect(await store.listDeviceKeys(SPACE)).toEqual([added.key]);
    });

    it('keeps everything across reopening', async () => {
      const store = await start();
      const created = await store.createSpace({ spaceId: SPACE, adminName: 'A', now: T0 });
      await store.close();
      const again = await start();
      expect(await again.checkKey(SPACE, created.member.userId, created.key)).toEqual(
        created.member,
      );
      expect(await again.listInvites(SPACE)).toEqual([created.invite]);
      const key = publicKey();
      const added = await again.addDeviceKey({
        spaceId: SPACE,
        userId: created.member.userId,
        publicKey: key,
        now: T0,
      });
      await again.close();
      const third = await start();
      expect(await third.listDeviceKeys(SPACE)).toEqual([added.ok ? added.key : null]);
    });
  });
}

/**
 * What a store that keeps practice marks must do (SPEC PRACTICE-1,
 * PRACTICE-7); run beside `runAccessStoreContract` for such a store.
 */
export function runPracticeStoreContract(
  name: string,
  makeFixture: () => Promise<AccessStoreFixture>,
): void {
  describe(`practice marks contract: ${name}`, () => {
    let fixture: AccessStoreFixture | null = null;
    const open: AccessStore[] = [];
    async function start(): Promise<AccessStore & PracticeMarks> {
      fixture ??= await makeFixture();
      const store = await fixture.open();
      open.push(store);
      if (!store.markPractice || !store.getPractice || !store.listPractice || !store.deleteSpace) {
        throw new Error(`${name} does not keep practice marks`);
      }
      return store as AccessStore & PracticeMarks;
    }
    afterEach(async () => {
      for (const store of open.splice(0)) await store.close().catch(() => undefined);
      await fixture?.cleanup();
      fixture = null;
    });
    const practice = (spaceId: string, createdAt: number) => ({
      spaceId,
      meetingId: 'mtPractice1',
      proposalId: 'prPractice1',
      process: 'idm' as const,
      language: 'fr' as const,
      bots: [{ userId: 'botUser1', name: 'Chloé' }],
      createdAt,
    });

    it('PRACTICE-1 marks a space as practice, kept across reopening; others are not', async () => {
      const store = await start();
      await store.createSpace({ spaceId: SPACE, adminName: 'A', now: T0 });
      await store.createSpace({ spaceId: OTHER, adminName: 'B', now: T0 });
      await store.markPractice(practice(SPACE, T0));
      expect(await store.getPractice(SPACE)).toEqual(practice(SPACE, T0));
      expect(await store.getPractice(OTHER)).toBeNull();
      await store.close();
      const again = await start();
      expect(await again.listPractice()).toEqual([practice(SPACE, T0)]);
    });

    it('PRACTICE-7 deletes a space whole: members, invites, device keys, mark; not another space', async () => {
      const store = await start();
      const created = await store.createSpace({ spaceId: SPACE, adminName: 'A', now: T0 });
      await store.createSpace({ spaceId: OTHER, adminName: 'B', now: T0 });
      await store.addDeviceKey({
        spaceId: SPACE,
        userId: created.member.userId,
        publicKey: publicKey(),
        now: T0,
      });
      await store.markPractice(practice(SPACE, T0));
      await store.markPractice(practice(OTHER, T0 + 1));
      await store.deleteSpace(SPACE);
      expect(await store.listMembers(SPACE)).toEqual([]);
      expect(await store.listInvites(SPACE)).toEqual([]);
      expect(await store.listDeviceKeys(SPACE)).toEqual([]);
      expect(await store.checkKey(SPACE, created.member.userId, created.key)).toBeNull();
      expect(await store.getPractice(SPACE)).toBeNull();
      expect(await store.listMembers(OTHER)).toHaveLength(1);
      expect(await store.listPractice()).toEqual([practice(OTHER, T0 + 1)]);
    });
  });
}
