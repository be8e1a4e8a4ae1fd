import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  checkTimeEvent,
  circleRosterOf,
  foldTimeLog,
  isKnownCircle,
  listProposals,
  readRole,
  isId,
  parseTimeEvent,
  spaceRoom,
  timeEventSigningPayload,
  timeLog,
  type TimeEvent,
  type WorkFields,
} from '@ronde/domain';
import type * as Y from 'yjs';
import type { AccessStore, Member } from './accessStore.ts';
import { requireMember } from './bearerMember.ts';
import type { DocumentRegistry } from './documents.ts';
import { HttpError, readJsonBody, requireMethod, sendJson } from './httpJson.ts';
import { checkSignature, type Signed } from './signedEvent.ts';
import { verifyEd25519 } from './signatures.ts';

/**
 * The time bank's write path (server SPEC TIMESRV): a member's signed
 * declaration, confirmation, dispute or amendment, checked and appended to
 * the space document's `timeLog` by the server with its own origin. Clients
 * never write `timeLog` (WRITE-2), so every entry is one its author signed
 * and the fold accepted when it arrived.
 */

/** How far a signed event's `at` may be from the server's clock (TIMESRV-4). */
export const TIME_CLOCK_SKEW_MS = 10 * 60_000;

/** How many time events one member may add per 24 hours (TIMESRV-6). */
export const TIME_EVENTS_PER_DAY = 200;
const DAY_MS = 24 * 60 * 60_000;

export interface TimeBankApiContext {
  readonly registry: Pick<DocumentRegistry, 'open'>;
  readonly secret: Uint8Array;
  readonly access: Pick<AccessStore, 'getMember' | 'getDeviceKey'>;
  readonly maxBodyBytes: number;
  readonly now?: () => number;
}

const EVENTS_ROUTE = /^\/api\/spaces\/([^/]+)\/time\/events$/;

/** A signed time event as the log stores it. */
export type StoredTimeEvent = Signed<TimeEvent>;

/**
 * `POST /api/spaces/:spaceId/time/events` with a signed time event: 201
 * `{ id }` once it is stored; 400 malformed or clock, 401 not a member,
 * 403 read-only, not-author, unknown-key or bad-signature, 409 with the
 * fold's refusal (TIME-3…6). Returns false for any other path.
 *
 * @example
 * if (await handleTimeBankApi(req, res, path, ctx)) return;
 */
export async function handleTimeBankApi(
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  ctx: TimeBankApiContext,
): Promise<boolean> {
  const match = EVENTS_ROUTE.exec(path);
  if (!match) return false;
  const spaceId = match[1] ?? '';
  if (!isId(spaceId)) throw new HttpError(404, 'not_found', `no API route ${path}`);
  requireMethod(req, 'POST');
  const member = await requireMember(req, spaceId, ctx);
  const raw = await readJsonBody(req, ctx.maxBodyBytes);
  const stored = await checkSignedTimeEvent(ctx, spaceId, member, raw);
  await appendTimeEvent(ctx.registry, spaceId, stored);
  sendJson(res, 201, { id: stored.id });
  return true;
}

/**
 * Checks a submitted time event (TIMESRV-2…4) before anything is written:
 * resolves with what to store, or throws an {@link HttpError}.
 *
 * @example
 * const stored = await checkSignedTimeEvent(ctx, spaceId, member, body);
 */
export async function checkSignedTimeEvent(
  ctx: Pick<TimeBankApiContext, 'access' | 'now'>,
  spaceId: string,
  member: Pick<Member, 'userId' | 'role'>,
  raw: unknown,
): Promise<StoredTimeEvent> {
  if (member.role === 'observer') {
    throw new HttpError(403, 'read-only', 'observers do not declare or confirm time');
  }
  const event = parseTimeEvent(raw);
  if (!event) throw new HttpError(400, 'malformed', 'not a well-formed time event (TIME-1)');
  if (event.by !== member.userId) {
    throw new HttpError(403, 'not-author', 'a time event is submitted by its author only');
  }
  const checked = await checkSignature(
    raw,
    event,
    spaceId,
    (kid) => timeEventSigningPayload(spaceRoom(spaceId), kid, event),
    { keys: ctx.access, verify: verifyEd25519 },
  );
  if (!checked.ok) throw new HttpError(403, checked.code, checked.detail);
  const now = (ctx.now ?? Date.now)();
  if (Math.abs(event.at - now) > TIME_CLOCK_SKEW_MS) {
    throw new HttpError(400, 'clock', 'the event’s time is too far from the server’s clock');
  }
  return checked.signed;
}

/**
 * Appends a checked event to the space's time log as the server, after
 * folding the log as it stands inside the store queue (TIMESRV-5): a refusal
 * of the fold is a 409 and nothing is written.
 *
 * @example
 * await appendTimeEvent(registry, spaceId, stored);
 */
export async function appendTimeEvent(
  registry: Pick<DocumentRegistry, 'open'>,
  spaceId: string,
  stored: StoredTimeEvent,
): Promise<void> {
  const handle = registry.open(spaceRoom(spaceId));
  try {
    const document = await handle.ready;
    await document.write((doc) => {
      const log = timeLog(doc);
      const entries = log.toJSON() as unknown[];
      const roster = circleRosterOf(doc);
      if (stored.type === 'time.declare' || stored.type === 'time.amend') {
        // Work belongs to a circle of this space; work on the commons to the anchor (TIMESRV-7).
        if (!isKnownCircle(roster, stored.circleId)) {
          throw new HttpError(409, 'unknown-circle', 'the work names no circle of this space');
        }
        if (stored.kind === 'commons' && stored.circleId !== roster.anchorId) {
          throw new HttpError(
            409,
            'not-anchor',
            'work on the commons belongs to the anchor circle',
          );
        }
        const circleOfSubject = subjectCircle(doc, stored);
        if (circleOfSubject === null) {
          throw new HttpError(409, 'no-subject', 'name the role or proposal worked on');
        }
        if (circleOfSubject !== undefined && circleOfSubject !== stored.circleId) {
          throw new HttpError(
            409,
            'wrong-circle',
            'the work belongs to its role’s or proposal’s circle',
          );
        }
      }
      const refusal = checkTimeEvent(foldTimeLog(entries, roster), stored, roster);
      if (refusal) throw new HttpError(409, refusal, `the time bank refuses this (${refusal})`);
      // The space document is everyone's: one member cannot fill it (TIMESRV-6).
      const recent = entries.filter((e) => {
        const { by, at } = (e ?? {}) as { by?: unknown; at?: unknown };
        return by === stored.by && typeof at === 'number' && at > stored.at - DAY_MS;
      }).length;
      if (recent >= TIME_EVENTS_PER_DAY) {
        throw new HttpError(429, 'quota', `at most ${TIME_EVENTS_PER_DAY} time events a day`);
      }
      log.push([{ ...stored }]);
    });
  } finally {
    handle.release();
  }
}

/**
 * The circle of what role or proposal work names (TIMESRV-7): the role's
 * circle (records now) or the proposal's (the space's index); `null` when
 * role or proposal work names none that exists; `undefined` for project and
 * commons work, which name no record.
 */
function subjectCircle(doc: Y.Doc, work: WorkFields): string | null | undefined {
  if (work.kind === 'role') {
    return work.subjectId === undefined ? null : (readRole(doc, work.subjectId)?.circleId ?? null);
  }
  if (work.kind === 'proposal') {
    if (work.subjectId === undefined) return null;
    return listProposals(doc).find((p) => p.id === work.subjectId)?.circleId ?? null;
  }
  return undefined;
}
