import type { IncomingMessage } from 'node:http';
import type { AccessStore, Member } from './accessStore.ts';
import { HttpError } from './httpJson.ts';
import { verifyToken } from './tokens.ts';

/** What {@link requireMember} reads: the token secret, the members as stored, the clock. */
export interface MemberCheckContext {
  readonly secret: Uint8Array;
  readonly access: Pick<AccessStore, 'getMember'>;
  readonly now?: () => number;
}

/** A 401 `unauthorized` that asks for a Bearer token (`WWW-Authenticate: Bearer`). */
export const unauthorized = (message: string): HttpError =>
  new HttpError(401, 'unauthorized', message, { 'www-authenticate': 'Bearer' });

/**
 * The member behind a Bearer session token, for this space, with their role
 * as stored now (not as in the token): 401 without one, for a forged,
 * expired or other space's token, or a removed member.
 *
 * @example
 * const member = await requireMember(req, spaceId, ctx);
 */
export async function requireMember(
  req: IncomingMessage,
  spaceId: string,
  ctx: MemberCheckContext,
): Promise<Member> {
  const match = /^Bearer ([A-Za-z0-9_.-]+)$/.exec(req.headers.authorization ?? '');
  if (!match?.[1]) throw unauthorized('send Authorization: Bearer <session token>');
  const verified = verifyToken(ctx.secret, match[1], (ctx.now ?? Date.now)());
  if (!verified.ok) throw unauthorized(`the token is not valid (${verified.reason})`);
  if (verified.payload.space !== spaceId) throw unauthorized('the token is for another space');
  const member = await ctx.access.getMember(spaceId, verified.payload.sub);
  if (!member) throw unauthorized('no longer a member of this space');
  return member;
}
