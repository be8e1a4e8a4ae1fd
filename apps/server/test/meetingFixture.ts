import { createHash, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import {
  addAgendaItem,
  addMeetingSummary,
  addProposalSummary,
  eventSigningPayload,
  foldMeeting,
  initMeeting,
  initProposal,
  initSpace,
  joinMeeting,
  listAgenda,
  listPeople,
  meetingLog,
  newId,
  nextStep,
  proposalBody,
  readLog,
  readSpace,
  recordOutcome,
  recordPosition,
  roomName,
  spaceRoom,
  startMeeting,
  type MeetingEvent,
  type MeetingState,
} from '@ronde/domain';
import * as Y from 'yjs';
import type { DocumentRegistry, LoadedDocument } from '../src/documents.ts';

/**
 * Test fixtures for the server's consequences: a space with one proposal and
 * one consent meeting about it, written through a registry as the server
 * would, and a driver that appends signed process events to the meeting's
 * log the way the server sequences them (`write()`), until the event
 * submission path exists.
 */

export const FAC1 = 'fac1user';
export const FAC2 = 'fac2user';
export const ANA = 'anauser1';
export const BEN = 'benuser1';

/** Who plays which part: two facilitators, the proposer (ana) and a participant (ben). */
export interface Cast {
  readonly fac1: string;
  readonly fac2: string;
  readonly ana: string;
  readonly ben: string;
}

export const CAST: Cast = { fac1: FAC1, fac2: FAC2, ana: ANA, ben: BEN };

export interface SeededMeeting {
  readonly spaceId: string;
  readonly meetingId: string;
  readonly proposalId: string;
  readonly itemId: string;
  readonly circleId: string;
  /** `<spaceId>/meeting/<meetingId>` */
  readonly room: string;
  readonly spaceRoom: string;
  readonly proposalRoom: string;
}

/** Runs `use` on a claimed document, then releases it. */
export async function withDoc<T>(
  registry: Pick<DocumentRegistry, 'open'>,
  name: string,
  use: (loaded: LoadedDocument) => T | Promise<T>,
): Promise<T> {
  const handle = registry.open(name);
  try {
    return await use(await handle.ready);
  } finally {
    handle.release();
  }
}

/**
 * A space (or the given existing one), a draft proposal by ana listed in it,
 * and a consent meeting on it (listed upcoming) with the cast as its people.
 */
export async function seedMeeting(
  registry: Pick<DocumentRegistry, 'open'>,
  options: { spaceId?: string; cast?: Cast } = {},
): Promise<SeededMeeting> {
  const cast = options.cast ?? CAST;
  const spaceId = options.spaceId ?? newId();
  const meetingId = newId();
  const proposalId = newId();
  const itemId = newId();
  const ids = { spaceId, meetingId, proposalId, itemId };
  const rooms = {
    room: roomName({ spaceId, kind: 'meeting', id: meetingId }),
    spaceRoom: spaceRoom(spaceId),
    proposalRoom: roomName({ spaceId, kind: 'proposal', id: proposalId }),
  };
  let circleId = '';
  await withDoc(registry, rooms.spaceRoom, (space) =>
    space.write((doc) => {
      circleId =
        readSpace(doc)?.defaultCircleId ??
        initSpace(doc, { id: spaceId, name: 'Coop', circleName: 'General', now: 1 })
          .defaultCircleId;
      addProposalSummary(doc, {
        id: proposalId,
        title: 'Four-day week',
        status: 'draft',
        circleId,
        createdAt: 1,
        updatedAt: 1,
      });
      addMeetingSummary(doc, {
        id: meetingId,
        title: 'Weekly',
        circleId,
        kind: 'governance',
        startsAt: 1,
        status: 'upcoming',
        updatedAt: 1,
      });
    }),
  );
  await withDoc(registry, rooms.proposalRoom, (proposal) =>
    proposal.write((doc) => {
      initProposal(doc, {
        id: proposalId,
        spaceId,
        circleId,
        title: 'Four-day week',
        driver: 'We are tired',
        createdBy: 'Ana',
        now: 1,
      });
      const paragraph = new Y.XmlElement('paragraph');
      paragraph.insert(0, [new Y.XmlText('Work four days.')]);
      proposalBody(doc).insert(0, [paragraph]);
    }),
  );
  await withDoc(registry, rooms.room, (meeting) =>
    meeting.write((doc) => {
      initMeeting(doc, {
        id: meetingId,
        spaceId,
        title: 'Weekly',
        circleId,
        kind: 'governance',
        startsAt: 1,
        createdBy: cast.fac1,
        now: 1,
      });
      for (const [id, role] of [
        [cast.fac1, 'facilitator'],
        [cast.fac2, 'facilitator'],
        [cast.ana, 'participant'],
        [cast.ben, 'participant'],
      ] as const) {
        joinMeeting(doc, { id, name: id.slice(0, 3).toUpperCase(), role, now: 1 });
      }
      addAgendaItem(doc, {
        id: itemId,
        kind: 'proposal',
        title: 'Four-day week',
        proposalId,
        process: 'consent',
        ownerId: cast.ana,
        createdBy: cast.fac1,
        now: 1,
      });
    }),
  );
  return { ...ids, circleId, ...rooms };
}

export interface DeviceKeyJson {
  readonly keyId: string;
  readonly userId: string;
  readonly publicKey: string;
  readonly addedAt: number;
}

/** One Ed25519 device key per user, signing as a browser would (docs/legitimacy.md §2). */
export interface Signers {
  readonly keys: DeviceKeyJson[];
  sign(room: string, event: MeetingEvent): MeetingEvent & { kid: string; sig: string };
}

export function createSigners(userIds: readonly string[] = [FAC1, FAC2, ANA, BEN]): Signers {
  const pairs = new Map<string, { keyId: string; privateKey: KeyObject }>();
  const keys: DeviceKeyJson[] = userIds.map((userId, index) => {
    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    const raw = publicKey.export({ format: 'jwk' }).x ?? '';
    const keyId = createHash('sha256')
      .update(Buffer.from(raw, 'base64url'))
      .digest('base64url')
      .slice(0, 22);
    pairs.set(userId, { keyId, privateKey });
    return { keyId, userId, publicKey: raw, addedAt: 1000 + index };
  });
  return {
    keys,
    sign(room, event) {
      const pair = pairs.get(event.by);
      if (!pair) throw new Error(`no key for ${event.by}`);
      const payload = eventSigningPayload(room, pair.keyId, event);
      const sig = sign(null, payload, pair.privateKey).toString('base64url');
      return { ...event, kid: pair.keyId, sig };
    },
  };
}

type Command<A extends unknown[]> = (
  state: MeetingState,
  by: string,
  at: number,
  ...args: A
) => MeetingEvent;

export interface MeetingDriver {
  state(): Promise<MeetingState>;
  /** Builds a command from the current state, signs it and appends it as the server does. */
  act<A extends unknown[]>(command: Command<A>, by: string, ...args: A): Promise<MeetingEvent>;
  /** Appends events already built (e.g. two built from the same state: pressed at once). */
  append(...events: MeetingEvent[]): Promise<void>;
  /** Builds a command from the current state without appending it. */
  build<A extends unknown[]>(command: Command<A>, by: string, ...args: A): Promise<MeetingEvent>;
}

/** Drives the seeded meeting through `registry`; the clock ticks 1 s per command. */
export function meetingDriver(
  registry: Pick<DocumentRegistry, 'open'>,
  meeting: SeededMeeting,
  signers: Signers = createSigners(),
): MeetingDriver {
  let clock = 1_700_000_000_000;
  const state = () =>
    withDoc(registry, meeting.room, ({ doc }) =>
      foldMeeting(readLog(doc), { agenda: listAgenda(doc), people: listPeople(doc) }),
    );
  const build = async <A extends unknown[]>(command: Command<A>, by: string, ...args: A) =>
    signers.sign(meeting.room, command(await state(), by, (clock += 1000), ...args));
  const append = async (...events: MeetingEvent[]): Promise<void> => {
    await withDoc(registry, meeting.room, (loaded) =>
      loaded.write((doc) => meetingLog(doc).push(events)),
    );
  };
  return {
    state,
    build,
    append,
    async act(command, by, ...args) {
      const event = await build(command, by, ...args);
      await append(event);
      return event;
    },
  };
}

/**
 * From the start to the outcome step of the proposal item: the consent
 * round (ana consents, ben voices a concern) is clear.
 */
export async function toOutcomeStep(driver: MeetingDriver, cast: Cast = CAST): Promise<void> {
  await driver.act(startMeeting, cast.fac1);
  for (let i = 0; i < 5; i++) await driver.act(nextStep, cast.fac1);
  await driver.act(recordPosition, cast.ana, { value: 'consent' });
  await driver.act(recordPosition, cast.ben, { value: 'concern', reason: 'Cost' });
  await driver.act(nextStep, cast.fac1);
  const state = await driver.state();
  if (state.step?.kind !== 'outcome') throw new Error(`not at the outcome: ${state.step?.kind}`);
}

/** Records an adoption (review date 2027-01-01) by `by`; returns the event. */
export function adopt(driver: MeetingDriver, by = FAC1): Promise<MeetingEvent> {
  return driver.act(recordOutcome, by, 'adopted', '2027-01-01');
}

/**
 * How many times a key of a map was set: Yjs keeps each overwritten value
 * as the `left` of the current one (internal `_map`, only read here).
 */
export function timesWritten(map: Y.Map<unknown>, key: string): number {
  let count = 0;
  const items = (map as unknown as { _map: Map<string, { left: unknown }> })._map;
  for (let item = items.get(key) ?? null; item; item = item.left as typeof item | null) count++;
  return count;
}
