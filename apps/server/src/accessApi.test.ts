import { IncomingMessage } from 'node:http';
import { Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  checkSpaceCreation,
  inviteJson,
  inviteLink,
  parseBody,
  secretsEqual,
  signInLink,
  type AccessApiContext,
} from './accessApi.ts';
import type { Invite, Member } from './accessStore.ts';
import { HttpError } from './httpJson.ts';

const invite: Invite = {
  id: 'inApi00001',
  spaceId: 'spApi00001',
  code: 'CODE_abc-123',
  role: 'member',
  createdAt: 1,
  expiresAt: 100,
  maxUses: 2,
  uses: 1,
  revokedAt: null,
};

describe('accessApi', () => {
  it('puts secrets of links in the fragment', () => {
    expect(inviteLink(invite)).toBe('/join#CODE_abc-123');
    expect(signInLink('spApi00001', 'usApi00001', 'KEY')).toBe(
      '/s/spApi00001/signin#usApi00001.KEY',
    );
  });

  it('describes an invite with its status and who joined with it', () => {
    const joined: Member = {
      spaceId: 'spApi00001',
      userId: 'usApi00001',
      name: 'Bea',
      role: 'member',
      joinedAt: 5,
      inviteId: invite.id,
    };
    const other: Member = { ...joined, userId: 'usApi00002', inviteId: null };
    expect(inviteJson(invite, [joined, other], 50)).toMatchObject({
      status: 'active',
      link: '/join#CODE_abc-123',
      joined: [{ userId: 'usApi00001', name: 'Bea', joinedAt: 5 }],
    });
    expect(inviteJson(invite, [], 100).status).toBe('expired');
    expect(inviteJson({ ...invite, uses: 2 }, [], 50).status).toBe('used_up');
    expect(inviteJson({ ...invite, revokedAt: 3 }, [], 500).status).toBe('revoked');
  });

  it('compares secrets of any length', () => {
    expect(secretsEqual('abc', 'abc')).toBe(true);
    expect(secretsEqual('abc', 'abcd')).toBe(false);
    expect(secretsEqual('', 'abc')).toBe(false);
  });

  it('parseBody throws 400 invalid_body naming the field', () => {
    const schema = z.object({ role: z.enum(['member']) });
    expect(parseBody(schema, { role: 'member' })).toEqual({ role: 'member' });
    expect(() => parseBody(schema, { role: 'admin' })).toThrow(HttpError);
    try {
      parseBody(schema, { role: 'admin' });
    } catch (error) {
      expect(error).toMatchObject({ status: 400, code: 'invalid_body' });
      expect((error as Error).message).toMatch(/^role: /);
    }
  });

  it('restricted creation needs the admin secret header', async () => {
    const ctx = {
      spaceCreation: 'restricted',
      adminSecret: 'operator-secret-1',
    } as AccessApiContext;
    const req = new IncomingMessage(new Socket());
    await expect(checkSpaceCreation(req, ctx)).rejects.toMatchObject({ status: 403 });
    req.headers['x-ronde-admin-secret'] = 'operator-secret-1';
    await expect(checkSpaceCreation(req, ctx)).resolves.toBeUndefined();
    await expect(
      checkSpaceCreation(new IncomingMessage(new Socket()), { ...ctx, spaceCreation: 'open' }),
    ).resolves.toBeUndefined();
  });
});
