import {
  addAgendaItem,
  initMeeting,
  joinMeeting,
  meetingAgenda,
  meetingPeople,
  newId,
  roomName,
  type AddAgendaItemInput,
  type MeetingEvent,
  type MeetingState,
} from '@ronde/domain';
import { expect } from 'vitest';
import { createSpaceOverHttp, rawClient, startServer, waitFor } from './helpers.ts';
import {
  encodeEvent,
  fold,
  honest,
  invited,
  refusals,
  stored,
  syncPath,
  withDeviceKey,
  type Member,
} from './hostileKit.ts';

/**
 * The room the hostile-client suites attack: a server requiring tokens, a
 * space whose admin Ada and members Bea and Cy hold device keys, and a live
 * meeting's events submitted by hand on bare sockets.
 */
export interface HostileSpace {
  readonly server: Awaited<ReturnType<typeof startServer>>;
  readonly port: number;
  readonly admin: Member;
  readonly bea: Member;
  readonly cy: Member;
  readonly spaceRoom: string;
  /**
   * Sends `signed` (an event whose id is `id`) to `room` on a fresh socket by
   * `member`; resolves once it is in the stored log or refused.
   */
  submit(
    member: Member,
    room: string,
    signed: unknown,
    id: string,
  ): Promise<{ inLog: boolean; refusals: ReturnType<typeof refusals> }>;
  /**
   * Runs `command` on `room`'s meeting as stored, a second later on the
   * suite's clock, and submits the event signed by `member`'s device;
   * expects it stored, not refused.
   */
  act(
    member: Member,
    room: string,
    command: (state: MeetingState, by: string, at: number) => MeetingEvent,
  ): Promise<MeetingEvent>;
  /** Moves the suite's clock on by `ms` and returns the new time. */
  readonly tick: (ms: number) => number;
  /** Closes every socket `submit` opened, then the server. */
  close(): Promise<void>;
}

/**
 * Starts the server on `dataDir` and the space of Ada, Bea and Cy; `tick`
 * is the suite's clock (moves it on by `ms`, returns the new time).
 *
 * @example
 * let clock = 1_700_000_000_000;
 * const space = await startHostileSpace(dir.path, (ms) => (clock += ms));
 * const { inLog } = await space.submit(space.cy, room, signed, signed.id);
 */
export async function startHostileSpace(
  dataDir: string,
  tick: (ms: number) => number,
): Promise<HostileSpace> {
  const server = await startServer(dataDir, { auth: 'required' });
  const port = server.port;
  const admin = await withDeviceKey(port, await createSpaceOverHttp(port));
  const bea = await invited(port, admin, 'member', 'Bea');
  const cy = await invited(port, admin, 'member', 'Cy');
  const spaceId = admin.spaceId;
  const closers: Array<() => void> = [];
  const space: HostileSpace = {
    server,
    port,
    admin,
    bea,
    cy,
    spaceRoom: roomName({ spaceId, kind: 'space', id: spaceId }),
    async submit(member, room, signed, id) {
      const client = rawClient(port, syncPath(room, member.token));
      closers.push(() => client.socket.terminate());
      await client.opened;
      client.socket.send(encodeEvent(signed));
      let inLog = false;
      await waitFor(async () => {
        if (refusals(client).length > 0) return true;
        const doc = await stored(port, room, admin);
        inLog = doc
          .getArray('log')
          .toArray()
          .some((e) => (e as { id: string }).id === id);
        return inLog;
      }, `event ${id} stored or refused`);
      return { inLog, refusals: refusals(client) };
    },
    async act(member, room, command) {
      const event = command(fold(await stored(port, room, admin)), member.userId, tick(1000));
      const result = await space.submit(member, room, member.sign(room, event), event.id);
      expect(result.refusals).toEqual([]);
      return event;
    },
    tick,
    async close() {
      for (const close of closers) close();
      await server.close();
    },
  };
  return space;
}

/**
 * Writes a governance meeting `title` in circle01 through stock clients: Ada
 * facilitates, Bea and Cy join, and `item` is its one agenda item, created
 * by Ada, at the suite's time. Resolves once the server stores the people and the agenda.
 *
 * @example
 * const { room, itemId } = await seedHostileMeeting(space, {
 *   title: 'Elections',
 *   item: { kind: 'election', title: 'Elect the facilitator', election },
 * });
 */
export async function seedHostileMeeting(
  space: HostileSpace,
  {
    title,
    item,
  }: {
    readonly title: string;
    readonly item: Omit<AddAgendaItemInput, 'id' | 'createdBy' | 'now'>;
  },
): Promise<{ room: string; itemId: string }> {
  const { port, admin, tick } = space;
  const spaceId = admin.spaceId;
  const meetingId = newId();
  const room = roomName({ spaceId, kind: 'meeting', id: meetingId });
  const now = tick(0);
  const meeting = await honest(port, room, admin);
  initMeeting(meeting.doc, {
    id: meetingId,
    spaceId,
    title,
    circleId: 'circle01',
    kind: 'governance',
    startsAt: now,
    createdBy: admin.userId,
    now,
  });
  joinMeeting(meeting.doc, { id: admin.userId, name: 'Ada', role: 'facilitator', now });
  const itemId = addAgendaItem(meeting.doc, {
    ...item,
    id: newId(),
    createdBy: admin.userId,
    now,
  }).id;
  for (const [member, name] of [
    [space.bea, 'Bea'],
    [space.cy, 'Cy'],
  ] as const) {
    const client = await honest(port, room, member);
    joinMeeting(client.doc, { id: member.userId, name, now: tick(1) });
    await waitFor(
      async () => meetingPeople(await stored(port, room, admin)).has(member.userId),
      `${name} joined`,
    );
    client.provider.destroy();
  }
  await waitFor(
    async () => meetingAgenda(await stored(port, room, admin)).has(itemId),
    'the agenda stored',
  );
  meeting.provider.destroy();
  return { room, itemId };
}
