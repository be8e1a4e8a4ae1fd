import { ApiError, apiJson, asRecord } from './http.ts';
import {
  absoluteLink,
  parseInvite,
  parseMember,
  parseSession,
  type InviteInfo,
  type MemberGrant,
  type SessionGrant,
} from './trust.ts';

/** The space the server created, and the creator's admin membership. */
export interface CreatedSpace {
  readonly id: string;
  readonly name: string;
  readonly defaultCircleId: string;
  readonly member: MemberGrant;
  readonly session: SessionGrant;
  /** The admin's personal sign-in link (absolute). */
  readonly adminLink: string;
  /** The default member invite: the space's share link. */
  readonly invite: InviteInfo | null;
}

/** Why a space could not be created: unreachable server, or its refusal. */
export class CreateSpaceError extends Error {
  constructor(
    readonly kind: 'network' | 'server',
    message: string,
    /** The server's error code (`rate_limited`, `invalid_name`, …), or ''. */
    readonly code = '',
  ) {
    super(message);
    this.name = 'CreateSpaceError';
  }
}

/**
 * Asks the server to create a space with its default circle
 * (`POST /api/spaces`); the creator becomes its admin.
 *
 * @example
 * const space = await createSpace({ name: 'Coop du Val', circleName: 'General circle', memberName: 'Awa' });
 * navigate(`/s/${space.id}`);
 */
export async function createSpace(
  input: { name: string; circleName: string; memberName: string },
  fetchImpl: typeof fetch = fetch,
): Promise<CreatedSpace> {
  let body: Record<string, unknown> | null;
  try {
    body = asRecord(
      await apiJson('/api/spaces', { method: 'POST', body: input, fetch: fetchImpl }),
    );
  } catch (error) {
    if (error instanceof ApiError) {
      throw new CreateSpaceError(error.kind, error.message, error.code);
    }
    throw error;
  }
  try {
    return createdSpaceFrom(body);
  } catch {
    throw new CreateSpaceError('server', 'unexpected answer');
  }
}

/** Reads the server's answer to a space creation; throws on anything unexpected. */
export function createdSpaceFrom(body: Record<string, unknown> | null): CreatedSpace {
  if (
    !body ||
    typeof body.id !== 'string' ||
    typeof body.name !== 'string' ||
    typeof body.defaultCircleId !== 'string'
  ) {
    throw new Error('unexpected answer');
  }
  const member = parseMember(body.member);
  const adminLink =
    typeof body.adminLink === 'string' && body.adminLink
      ? body.adminLink
      : `/s/${body.id}/signin#${member.userId}.${member.key}`;
  return {
    id: body.id,
    name: body.name,
    defaultCircleId: body.defaultCircleId,
    member,
    session: parseSession(body.session),
    adminLink: absoluteLink(adminLink, ''),
    invite: body.invite ? parseInvite(body.invite) : null,
  };
}
