import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import type { Member } from './accessStore.ts';
import { requireMember, type MemberCheckContext } from './bearerMember.ts';
import { HttpError } from './httpJson.ts';
import { signToken } from './tokens.ts';

const SECRET = new Uint8Array(32).fill(3);
const NOW = 1_700_000_000_000;
const SPACE = 'space001';
const ANA: Member = {
  spaceId: SPACE,
  userId: 'ana00001',
  name: 'Ana',
  role: 'member',
  joinedAt: NOW,
  inviteId: null,
};

const ctx: MemberCheckContext = {
  secret: SECRET,
  access: {
    // The stored role wins over the token's.
    getMember: (spaceId, userId) =>
      Promise.resolve(spaceId === SPACE && userId === ANA.userId ? ANA : null),
  },
  now: () => NOW,
};

const tokenFor = (space: string, sub: string, now = NOW) =>
  signToken(SECRET, { space, sub, role: 'admin' }, { lifetimeSeconds: 600, now }).token;

const request = (authorization?: string) =>
  ({ headers: authorization === undefined ? {} : { authorization } }) as IncomingMessage;

async function refusal(req: IncomingMessage) {
  const error = await requireMember(req, SPACE, ctx).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(HttpError);
  const { status, code, message, headers } = error as HttpError;
  return { status, code, message, headers };
}

const refused = (message: string) => ({
  status: 401,
  code: 'unauthorized',
  message,
  headers: { 'www-authenticate': 'Bearer' },
});

describe('requireMember', () => {
  it('answers the member as stored for a valid token of this space', async () => {
    expect(await requireMember(request(`Bearer ${tokenFor(SPACE, 'ana00001')}`), SPACE, ctx)).toBe(
      ANA,
    );
  });

  it('refuses with 401 and WWW-Authenticate: Bearer, saying why', async () => {
    const ask = refused('send Authorization: Bearer <session token>');
    expect(await refusal(request())).toEqual(ask);
    expect(await refusal(request(`Basic ${tokenFor(SPACE, 'ana00001')}`))).toEqual(ask);
    expect(await refusal(request('Bearer not a token'))).toEqual(ask);
    expect(await refusal(request('Bearer forged.token'))).toEqual(
      refused('the token is not valid (bad_signature)'),
    );
    expect(
      await refusal(request(`Bearer ${tokenFor(SPACE, 'ana00001', NOW - 3_600_000)}`)),
    ).toEqual(refused('the token is not valid (expired)'));
    expect(await refusal(request(`Bearer ${tokenFor('space002', 'ana00001')}`))).toEqual(
      refused('the token is for another space'),
    );
    expect(await refusal(request(`Bearer ${tokenFor(SPACE, 'gone0001')}`))).toEqual(
      refused('no longer a member of this space'),
    );
  });
});
