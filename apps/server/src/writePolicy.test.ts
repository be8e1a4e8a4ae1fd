import {
  addAgendaItem,
  addMeetingSummary,
  addProposalSummary,
  appendEvent,
  foldMeeting,
  initMeeting,
  initProposal,
  initSpace,
  joinMeeting,
  listAgenda,
  listPeople,
  meetingAgenda,
  meetingLog,
  meetingPeople,
  moveAgendaItem,
  nextStep,
  parseDecisionEntry,
  proposalBody,
  proposalDriver,
  proposalFields,
  proposalTitle,
  readLog,
  recordDecision,
  removeAgendaItem,
  renameSpace,
  setPersonRole,
  setProposalCircle,
  spaceCircles,
  spaceFields,
  spaceMeetings,
  spaceProposals,
  startMeeting,
  updateAgendaItem,
  updateMeeting,
  updateMeetingSummary,
  updateProposalSummary,
  type DecisionEntry,
  type DocKind,
  type MeetingState,
} from '@ronde/domain';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { locateUpdate } from './locateUpdate.ts';
import { policyGuard, WriteRefused } from './writeGuard.ts';
import { judgeWrites, WRITE_RULES, type Writer } from './writePolicy.ts';

// People of the space, by their role there (Writer.role), and in the meeting.
const CREATOR = 'creator1'; // a member who created the meeting and facilitates it
const ADMIN = 'admin001'; // a space admin, facilitator in the meeting's people
const LEAD = 'spaceLd1'; // a space facilitator, not in the meeting yet
const ANA = 'anauser1'; // a member, participant
const BEN = 'benuser1'; // a member, participant
const NEW = 'newuser1'; // a member who has not joined yet

const as = {
  creator: { userId: CREATOR, role: 'member' },
  admin: { userId: ADMIN, role: 'admin' },
  lead: { userId: LEAD, role: 'facilitator' },
  ana: { userId: ANA, role: 'member' },
  ben: { userId: BEN, role: 'member' },
  newcomer: { userId: NEW, role: 'member' },
} satisfies Record<string, Writer>;

const SPACE_ID = 'space0001';
const MEETING_ID = 'meeting001';
const PROPOSAL_ID = 'proposal01';
const CIRCLE_ID = 'circle0001';
const ITEM_ANA = 'itemAna001';
const ITEM_BEN = 'itemBen001';
const T0 = 1_900_000_000_000;

/**
 * What the write policy says of `writer`'s `change`: null when allowed, else
 * `WRITE-n: reason`. The change is made on a client synced from `server`
 * and sent as the update it produces; the server doc is never changed.
 */
function attempt(
  kind: DocKind,
  server: Y.Doc,
  writer: Writer,
  change: (doc: Y.Doc) => void,
): string | null {
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
  const before = Y.encodeStateVector(client);
  change(client);
  return judge(kind, server, writer, Y.encodeStateAsUpdate(client, before));
}

function judge(kind: DocKind, server: Y.Doc, writer: Writer, update: Uint8Array): string | null {
  const located = locateUpdate(update, server);
  // A test whose change writes nothing proves nothing.
  if (located.ok && located.writes.length === 0) throw new Error('the change wrote nothing');
  const state = Y.encodeStateAsUpdate(server);
  try {
    policyGuard(kind, writer)(server, update);
    return null;
  } catch (error) {
    if (!(error instanceof WriteRefused)) throw error;
    return `${error.rule}: ${error.reason}`;
  } finally {
    expect(Y.encodeStateAsUpdate(server)).toEqual(state);
  }
}

/** {@link attempt} on one document: `write(as.ana, change)`. */
const on =
  (kind: DocKind, server: Y.Doc) =>
  (writer: Writer, change: (doc: Y.Doc) => void): string | null =>
    attempt(kind, server, writer, change);

/** Like {@link attempt}, for a change that must be allowed: then applies it to the server. */
function commit(kind: DocKind, server: Y.Doc, writer: Writer, change: (doc: Y.Doc) => void): void {
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
  const before = Y.encodeStateVector(client);
  change(client);
  const update = Y.encodeStateAsUpdate(client, before);
  expect(judge(kind, server, writer, update)).toBeNull();
  Y.applyUpdate(server, update);
}

// ---------------------------------------------------------------- fixtures

/** A meeting document as a client creates it: the meeting's fields, nobody in it yet. */
function newMeeting(): Y.Doc {
  const server = new Y.Doc();
  initMeeting(server, {
    id: MEETING_ID,
    spaceId: SPACE_ID,
    title: 'Weekly governance',
    circleId: CIRCLE_ID,
    kind: 'governance',
    startsAt: T0,
    createdBy: CREATOR,
    now: T0,
  });
  return server;
}

/** The meeting with its creator and the admin facilitating, Ana and Ben participating, an item each. */
function meeting(): Y.Doc {
  const server = newMeeting();
  joinMeeting(server, { id: CREATOR, name: 'Cléo', role: 'facilitator', now: T0 });
  joinMeeting(server, { id: ADMIN, name: 'Dee', role: 'facilitator', now: T0 + 1 });
  joinMeeting(server, { id: ANA, name: 'Ana', now: T0 + 2 });
  joinMeeting(server, { id: BEN, name: 'Ben', now: T0 + 3 });
  addAgendaItem(server, {
    id: ITEM_ANA,
    kind: 'information',
    title: 'Garden',
    createdBy: ANA,
    now: T0 + 4,
  });
  addAgendaItem(server, {
    id: ITEM_BEN,
    kind: 'tension',
    text: 'The noise at lunch',
    createdBy: BEN,
    ownerId: BEN,
    now: T0 + 5,
  });
  return server;
}

const fold = (server: Y.Doc): MeetingState =>
  foldMeeting(readLog(server), { agenda: listAgenda(server), people: listPeople(server) });

/** The server sequences the creator's start (EVT-1), as it would a signed event. */
function start(server: Y.Doc): Y.Doc {
  appendEvent(server, startMeeting(fold(server), CREATOR, T0 + 100));
  expect(fold(server).phase).toBe('check-in');
  return server;
}

/** … then "Next" until the meeting ends. */
function end(server: Y.Doc): Y.Doc {
  start(server);
  for (let i = 0; i < 10 && fold(server).phase !== 'ended'; i++) {
    appendEvent(server, nextStep(fold(server), CREATOR, T0 + 200 + i));
  }
  expect(fold(server).phase).toBe('ended');
  return server;
}

function space(): Y.Doc {
  const server = new Y.Doc();
  initSpace(server, { id: SPACE_ID, name: 'Coop du Val', circleName: 'General', now: T0 });
  addProposalSummary(server, {
    id: PROPOSAL_ID,
    title: 'Four-day week',
    status: 'draft',
    circleId: CIRCLE_ID,
    createdAt: T0,
    updatedAt: T0,
  });
  addMeetingSummary(server, {
    id: MEETING_ID,
    title: 'Weekly governance',
    circleId: CIRCLE_ID,
    kind: 'governance',
    startsAt: T0,
    status: 'upcoming',
    updatedAt: T0,
    createdBy: CREATOR,
  });
  return server;
}

function proposal(status: 'draft' | 'in-consent' | 'adopted' = 'draft'): Y.Doc {
  const server = new Y.Doc();
  initProposal(server, {
    id: PROPOSAL_ID,
    spaceId: SPACE_ID,
    circleId: CIRCLE_ID,
    title: 'Four-day week',
    driver: 'We are tired',
    createdBy: 'Ana',
    now: T0,
  });
  // The server's own write (CONS): clients never make it.
  if (status !== 'draft') proposalFields(server).set('status', status);
  return server;
}

function decision(id: string): DecisionEntry {
  const entry = parseDecisionEntry({
    id,
    title: 'Four-day week',
    outcome: 'adopted',
    decidedAt: T0,
    proposalId: PROPOSAL_ID,
  });
  if (!entry) throw new Error('a malformed decision fixture');
  return entry;
}

const paragraph = (text: string): Y.XmlElement => {
  const element = new Y.XmlElement('paragraph');
  element.insert(0, [new Y.XmlText(text)]);
  return element;
};

const people = (doc: Y.Doc) => meetingPeople(doc);
const person = (doc: Y.Doc, id: string): Y.Map<unknown> => {
  const entry = meetingPeople(doc).get(id);
  if (!entry) throw new Error(`${id} is not in the meeting`);
  return entry;
};
const item = (doc: Y.Doc, id: string): Y.Map<unknown> => {
  const entry = meetingAgenda(doc).get(id);
  if (!entry) throw new Error(`no item ${id}`);
  return entry;
};

// ---------------------------------------------------------------- rules

describe('writePolicy', () => {
  it('has one rule per root of each kind, all numbered', () => {
    const roots = WRITE_RULES.map((rule) => `${rule.kind}:${rule.root}`);
    expect(new Set(roots).size).toBe(roots.length);
    for (const rule of WRITE_RULES) expect(rule.id).toMatch(/^WRITE-\d+$/);
  });

  it('WRITE-2 refuses a root its document kind does not have', () => {
    const server = meeting();
    const write = on('meeting', server);
    expect(
      write(as.ana, (doc) => joinMeeting(doc, { id: ANA, name: 'Ana B.', now: 0 })),
    ).toBeNull();
    expect(write(as.admin, (doc) => doc.getText('notes').insert(0, 'hi'))).toBe(
      'WRITE-2: a meeting document has no notes',
    );
    // Roots of other kinds are unknown here too.
    expect(write(as.admin, (doc) => recordDecision(doc, decision('out00001')))).toBe(
      'WRITE-2: a meeting document has no decisions',
    );
    expect(
      attempt('space', space(), as.admin, (doc) => doc.getArray('log').push([{ id: 'x' }])),
    ).toBe('WRITE-2: a space document has no log');
    expect(
      attempt('proposal', proposal(), as.ana, (doc) => doc.getMap('people').set(ANA, new Y.Map())),
    ).toBe('WRITE-2: a proposal document has no people');
    // One bad write refuses the whole update.
    expect(
      write(as.ana, (doc) =>
        doc.transact(() => {
          joinMeeting(doc, { id: ANA, name: 'Ana B.', now: 0 });
          doc.getMap('extra').set('k', 1);
        }),
      ),
    ).toBe('WRITE-2: a meeting document has no extra');
  });

  it('WRITE-3 refuses every client write to the log: inserts anywhere, a duplicate id, a deletion, a keyed entry', () => {
    const server = start(meeting());
    const write = on('meeting', server);
    appendEvent(server, nextStep(fold(server), CREATOR, T0 + 200));
    const existing = readLog(server);
    expect(existing).toHaveLength(2);
    const forged = { ...nextStep(fold(server), CREATOR, T0 + 300) };
    const serverOnly = 'WRITE-3: only the server writes here';
    for (const writer of [as.ana, as.creator, as.admin]) {
      expect(write(writer, (doc) => meetingLog(doc).push([forged]))).toBe(serverOnly);
      expect(write(writer, (doc) => meetingLog(doc).insert(0, [forged]))).toBe(serverOnly);
      expect(write(writer, (doc) => meetingLog(doc).insert(1, [forged]))).toBe(serverOnly);
    }
    const duplicate = existing[1] as never;
    expect(write(as.creator, (doc) => meetingLog(doc).push([duplicate]))).toBe(serverOnly);
    expect(write(as.creator, (doc) => meetingLog(doc).delete(1, 1))).toBe(serverOnly);
    expect(write(as.creator, (doc) => doc.getMap('log').set('x', forged))).toBe(serverOnly);

    // Allowed: the server's own append (it does not pass here), then a client's full
    // state, which re-sends the log the server already has, plus the client's own name.
    appendEvent(server, forged);
    const client = new Y.Doc();
    Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
    joinMeeting(client, { id: ANA, name: 'Ana B.', now: 0 });
    expect(judge('meeting', server, as.ana, Y.encodeStateAsUpdate(client))).toBeNull();
  });

  describe('WRITE-4 the meeting map', () => {
    it('WRITE-4 is created by anyone in their own name, once', () => {
      const empty = new Y.Doc();
      const create = (createdBy: string) => (doc: Y.Doc) =>
        initMeeting(doc, {
          id: MEETING_ID,
          spaceId: SPACE_ID,
          title: 'Retro',
          circleId: CIRCLE_ID,
          kind: 'tactical',
          startsAt: T0,
          createdBy,
          now: T0,
        });
      expect(attempt('meeting', empty, as.ana, create(ANA))).toBeNull();
      expect(attempt('meeting', empty, as.ana, create(BEN))).toBe(
        'WRITE-4: a meeting created in someone else’s name',
      );
      expect(
        attempt('meeting', newMeeting(), as.ana, (doc) =>
          doc.getMap('meeting').set('createdBy', ANA),
        ),
      ).toBe('WRITE-4: the meeting’s createdBy never changes');
    });

    it('WRITE-4 is edited by a facilitator of the meeting or a space admin until it ends', () => {
      const server = meeting();
      const write = on('meeting', server);
      const retitle = (doc: Y.Doc) => updateMeeting(doc, { title: 'Weekly governance (moved)' });
      expect(write(as.creator, retitle)).toBeNull();
      expect(write(as.admin, (doc) => updateMeeting(doc, { secretaryId: ANA }))).toBeNull();
      expect(write(as.ana, retitle)).toBe('WRITE-4: only a facilitator edits the meeting');
      // A space facilitator is not the meeting's facilitator.
      expect(write(as.lead, retitle)).toBe('WRITE-4: only a facilitator edits the meeting');
      for (const field of ['id', 'spaceId', 'createdAt', 'createdBy', 'schema']) {
        expect(write(as.admin, (doc) => doc.getMap('meeting').set(field, 'x'))).toBe(
          `WRITE-4: the meeting’s ${field} never changes`,
        );
      }
      expect(write(as.admin, (doc) => doc.getMap('meeting').delete('id'))).toBe(
        'WRITE-4: the meeting’s id never changes',
      );
      expect(write(as.admin, (doc) => doc.getMap('meeting').set('status', 'ended'))).toBe(
        'WRITE-4: unknown meeting field status',
      );

      start(server);
      expect(write(as.creator, retitle)).toBeNull();
      const ended = end(meeting());
      expect(attempt('meeting', ended, as.creator, retitle)).toBe('WRITE-4: the meeting has ended');
      expect(attempt('meeting', ended, as.admin, retitle)).toBe('WRITE-4: the meeting has ended');
    });
  });

  describe('WRITE-5 people', () => {
    it('WRITE-5 lets anyone join as participant or observer, in their own name only', () => {
      const server = meeting();
      const write = on('meeting', server);
      expect(
        write(as.newcomer, (doc) => joinMeeting(doc, { id: NEW, name: 'Noé', now: T0 })),
      ).toBeNull();
      expect(
        write(as.newcomer, (doc) =>
          joinMeeting(doc, { id: NEW, name: 'Noé', role: 'observer', now: T0 }),
        ),
      ).toBeNull();
      expect(write(as.ana, (doc) => joinMeeting(doc, { id: NEW, name: 'Noé', now: T0 }))).toBe(
        'WRITE-5: someone else’s entry',
      );
      const misnamed = new Y.Map<unknown>([
        ['id', ANA],
        ['name', 'Noé'],
        ['role', 'participant'],
      ]);
      expect(write(as.newcomer, (doc) => people(doc).set(NEW, misnamed))).toBe(
        'WRITE-5: an entry whose id is not its key',
      );
      // An empty Y.Text would pass as an entry, and every reader of people would throw.
      const notAMap = (doc: Y.Doc) => people(doc).set(NEW, new Y.Text() as never);
      expect(write(as.newcomer, notAMap)).toBe('WRITE-5: an entry that is not a map');
      const copy = new Y.Doc();
      Y.applyUpdate(copy, Y.encodeStateAsUpdate(server));
      notAMap(copy);
      expect(() => listPeople(copy)).toThrow();
    });

    it('WRITE-5 lets only the creator or a space admin/facilitator join as facilitator, before the start', () => {
      const server = newMeeting();
      const write = on('meeting', server);
      const joinAsFacilitator = (id: string) => (doc: Y.Doc) =>
        joinMeeting(doc, { id, name: id, role: 'facilitator', now: T0 });
      expect(write(as.creator, joinAsFacilitator(CREATOR))).toBeNull();
      expect(write(as.admin, joinAsFacilitator(ADMIN))).toBeNull();
      expect(write(as.lead, joinAsFacilitator(LEAD))).toBeNull();
      expect(write(as.ana, joinAsFacilitator(ANA))).toBe('WRITE-5: joining as facilitator');

      const started = start(meeting());
      expect(
        attempt('meeting', started, as.newcomer, (doc) =>
          joinMeeting(doc, { id: NEW, name: 'Noé', now: T0 }),
        ),
      ).toBeNull();
      expect(attempt('meeting', started, as.lead, joinAsFacilitator(LEAD))).toBe(
        'WRITE-5: joining as facilitator',
      );
    });

    it('WRITE-5 lets a member create a meeting and join it as facilitator in one update, not for someone else', () => {
      const createAndJoin = (createdBy: string) => (doc: Y.Doc) =>
        doc.transact(() => {
          initMeeting(doc, {
            id: MEETING_ID,
            spaceId: SPACE_ID,
            title: 'Offline planning',
            circleId: CIRCLE_ID,
            kind: 'governance',
            startsAt: T0,
            createdBy,
            now: T0,
          });
          joinMeeting(doc, { id: ANA, name: 'Ana', role: 'facilitator', now: T0 });
        });
      expect(attempt('meeting', new Y.Doc(), as.ana, createAndJoin(ANA))).toBeNull();
      expect(attempt('meeting', new Y.Doc(), as.ana, createAndJoin(BEN))).toBe(
        'WRITE-4: a meeting created in someone else’s name',
      );
    });

    it('WRITE-5 refuses a participant giving themselves the facilitator role, or demoting the admin', () => {
      const server = meeting();
      const write = on('meeting', server);
      expect(write(as.ana, (doc) => setPersonRole(doc, ANA, 'facilitator'))).toBe(
        'WRITE-5: only a facilitator changes roles',
      );
      expect(write(as.ana, (doc) => setPersonRole(doc, ADMIN, 'observer'))).toBe(
        'WRITE-5: only a facilitator changes roles',
      );
      // A facilitator (people map) or a space admin changes anyone's role before the start.
      expect(write(as.creator, (doc) => setPersonRole(doc, ANA, 'facilitator'))).toBeNull();
      expect(write(as.admin, (doc) => setPersonRole(doc, BEN, 'observer'))).toBeNull();
      // Once started, roles change through the log.
      start(server);
      expect(write(as.creator, (doc) => setPersonRole(doc, ANA, 'facilitator'))).toBe(
        'WRITE-5: roles change through the process log once the meeting has started',
      );
    });

    it('WRITE-5 keeps entries: never removed or replaced; one changes only their own name', () => {
      const server = meeting();
      const write = on('meeting', server);
      expect(
        write(as.ana, (doc) => joinMeeting(doc, { id: ANA, name: 'Ana B.', now: 0 })),
      ).toBeNull();
      expect(
        attempt('meeting', start(meeting()), as.ana, (doc) =>
          person(doc, ANA).set('name', 'Ana B.'),
        ),
      ).toBeNull();
      expect(write(as.ana, (doc) => person(doc, BEN).set('name', 'Benny'))).toBe(
        'WRITE-5: someone else’s name',
      );
      expect(write(as.ana, (doc) => person(doc, ANA).set('joinedAt', 0))).toBe(
        'WRITE-5: a person’s joinedAt never changes',
      );
      expect(write(as.ana, (doc) => people(doc).delete(BEN))).toBe(
        'WRITE-5: people are never removed from a meeting',
      );
      expect(write(as.creator, (doc) => people(doc).delete(BEN))).toBe(
        'WRITE-5: people are never removed from a meeting',
      );
      const fresh = () =>
        new Y.Map<unknown>([
          ['id', ANA],
          ['name', 'Ana'],
          ['role', 'participant'],
        ]);
      expect(write(as.ana, (doc) => people(doc).set(BEN, fresh()))).toBe(
        'WRITE-5: someone else’s entry',
      );
      // Replacing one's own entry would reset a role given by a facilitator.
      expect(write(as.ana, (doc) => people(doc).set(ANA, fresh()))).toBe(
        'WRITE-5: an entry replaced (a role reset)',
      );
    });
  });

  describe('WRITE-6 the agenda', () => {
    it('WRITE-6 adds items in one’s own name only', () => {
      const server = meeting();
      const write = on('meeting', server);
      const add = (createdBy: string) => (doc: Y.Doc) =>
        addAgendaItem(doc, {
          id: 'itemNew001',
          kind: 'information',
          title: 'Budget',
          createdBy,
          now: T0,
        });
      expect(write(as.ana, add(ANA))).toBeNull();
      expect(write(as.ana, add(BEN))).toBe('WRITE-6: an item added in someone else’s name');
      expect(
        write(as.ana, (doc) =>
          meetingAgenda(doc).set(
            'itemNew001',
            new Y.Map<unknown>([
              ['id', 'other0001'],
              ['createdBy', ANA],
            ]),
          ),
        ),
      ).toBe('WRITE-6: an item whose id is not its key');
    });

    it('WRITE-6 lets an item’s author, owner or a facilitator edit, move or remove it', () => {
      const server = meeting();
      const write = on('meeting', server);
      const retitle = (id: string) => (doc: Y.Doc) =>
        updateAgendaItem(doc, id, { title: 'Renamed' });
      expect(write(as.ana, retitle(ITEM_ANA))).toBeNull();
      expect(write(as.creator, retitle(ITEM_ANA))).toBeNull();
      expect(write(as.ben, retitle(ITEM_ANA))).toBe(
        'WRITE-6: only its author, its owner or a facilitator edits an item',
      );
      expect(write(as.ana, (doc) => moveAgendaItem(doc, ITEM_ANA, 1))).toBeNull();
      expect(write(as.ben, (doc) => moveAgendaItem(doc, ITEM_ANA, 1))).toMatch(
        /^WRITE-6: only its author/,
      );
      // The owner of an item someone else brought.
      commit('meeting', server, as.creator, (doc) =>
        updateAgendaItem(doc, ITEM_ANA, { ownerId: BEN }),
      );
      expect(write(as.ben, retitle(ITEM_ANA))).toBeNull();

      expect(write(as.ana, (doc) => removeAgendaItem(doc, ITEM_ANA))).toBeNull();
      expect(write(as.creator, (doc) => removeAgendaItem(doc, ITEM_BEN))).toBeNull();
      expect(write(as.ana, (doc) => removeAgendaItem(doc, ITEM_BEN))).toBe(
        'WRITE-6: only its author, its owner or a facilitator edits an item',
      );
    });

    it('WRITE-6 never changes an item’s id, kind, proposal, author or creation time, nor replaces it', () => {
      const server = meeting();
      const write = on('meeting', server);
      for (const field of ['id', 'kind', 'proposalId', 'createdBy', 'createdAt']) {
        expect(write(as.ana, (doc) => item(doc, ITEM_ANA).set(field, 'x'))).toBe(
          `WRITE-6: an item’s ${field} never changes`,
        );
      }
      // Deleting a field is changing it too: a missing kind reads as 'information'.
      expect(write(as.ben, (doc) => item(doc, ITEM_BEN).delete('kind'))).toBe(
        'WRITE-6: an item’s kind never changes',
      );
      const replacement = () =>
        new Y.Map<unknown>([
          ['id', ITEM_ANA],
          ['kind', 'proposal'],
          ['createdBy', ANA],
        ]);
      expect(write(as.ana, (doc) => meetingAgenda(doc).set(ITEM_ANA, replacement()))).toBe(
        'WRITE-6: an item replaced',
      );
      expect(write(as.ana, (doc) => item(doc, ITEM_ANA).set('colour', 'red'))).toBe(
        'WRITE-6: unknown item field colour',
      );
    });

    it('WRITE-6 refuses any agenda edit once meeting.start is in the log, even a facilitator’s', () => {
      const server = start(meeting());
      const write = on('meeting', server);
      const edits: Array<[Writer, (doc: Y.Doc) => void]> = [
        [as.ana, (doc) => updateAgendaItem(doc, ITEM_ANA, { title: 'Renamed' })],
        [as.creator, (doc) => updateAgendaItem(doc, ITEM_BEN, { timeboxMinutes: 20 })],
        [as.admin, (doc) => removeAgendaItem(doc, ITEM_ANA)],
        [as.creator, (doc) => moveAgendaItem(doc, ITEM_BEN, 0)],
        [
          as.ana,
          (doc) =>
            addAgendaItem(doc, {
              id: 'itemNew001',
              kind: 'information',
              title: 'Late',
              createdBy: ANA,
              now: T0,
            }),
        ],
      ];
      for (const [writer, edit] of edits) {
        expect(write(writer, edit)).toBe(
          'WRITE-6: the agenda changes through the process log once the meeting has started',
        );
      }
      // The rest of the meeting doc still takes allowed writes.
      expect(write(as.ana, (doc) => person(doc, ANA).set('name', 'Ana B.'))).toBeNull();
    });
  });

  describe('WRITE-7 the proposal map', () => {
    it('WRITE-7 is created once, as a draft', () => {
      const empty = new Y.Doc();
      const create = (doc: Y.Doc) =>
        initProposal(doc, {
          id: PROPOSAL_ID,
          spaceId: SPACE_ID,
          circleId: CIRCLE_ID,
          title: 'Four-day week',
          driver: '',
          createdBy: 'Ana',
          now: T0,
        });
      expect(attempt('proposal', empty, as.ana, create)).toBeNull();
      expect(
        attempt('proposal', empty, as.ana, (doc) =>
          doc.transact(() => {
            create(doc);
            proposalFields(doc).set('status', 'adopted');
          }),
        ),
      ).toBe('WRITE-7: a proposal is created as a draft');
    });

    it('WRITE-7 refuses a status set by a client (a fake "adopted"); the circle changes while a draft', () => {
      const draft = proposal();
      expect(
        attempt('proposal', draft, as.ana, (doc) => setProposalCircle(doc, 'circle0002')),
      ).toBeNull();
      for (const writer of [as.ana, as.admin]) {
        expect(
          attempt('proposal', draft, writer, (doc) => proposalFields(doc).set('status', 'adopted')),
        ).toBe('WRITE-7: only the server moves a proposal’s status (it follows its meeting)');
      }
      expect(
        attempt('proposal', draft, as.ana, (doc) => proposalFields(doc).set('createdBy', 'Ben')),
      ).toBe('WRITE-7: the proposal’s createdBy never changes');
      expect(
        attempt('proposal', draft, as.ana, (doc) => proposalFields(doc).set('reviewDate', '2031')),
      ).toBe('WRITE-7: unknown proposal field reviewDate');
      expect(
        attempt('proposal', proposal('in-consent'), as.ana, (doc) =>
          setProposalCircle(doc, 'circle0002'),
        ),
      ).toBe('WRITE-7: only a draft changes circle');
    });
  });

  it('WRITE-7 / WRITE-11 a proposal and its index entry are created in one’s own name; the author never changes', () => {
    const create = (authorId: string) => (doc: Y.Doc) =>
      initProposal(doc, {
        id: PROPOSAL_ID,
        spaceId: SPACE_ID,
        circleId: CIRCLE_ID,
        title: 'Four-day week',
        driver: '',
        createdBy: 'Ana',
        authorId,
        now: T0,
      });
    expect(attempt('proposal', new Y.Doc(), as.ana, create(ANA))).toBeNull();
    expect(attempt('proposal', new Y.Doc(), as.ana, create(BEN))).toBe(
      'WRITE-7: a proposal is created in one’s own name',
    );
    expect(
      attempt('proposal', proposal(), as.ana, (doc) => proposalFields(doc).set('authorId', BEN)),
    ).toBe('WRITE-7: unknown proposal field authorId');

    const write = on('space', space());
    const entry = (authorId: string) => ({
      id: 'proposal03',
      title: 'Compost',
      status: 'draft' as const,
      circleId: CIRCLE_ID,
      createdAt: T0,
      updatedAt: T0,
      authorId,
    });
    expect(write(as.ana, (doc) => addProposalSummary(doc, entry(ANA)))).toBeNull();
    expect(write(as.ana, (doc) => addProposalSummary(doc, entry(BEN)))).toBe(
      'WRITE-11: an entry is added in one’s own name',
    );
    const listed = space();
    addProposalSummary(listed, entry(ANA));
    expect(
      on('space', listed)(as.ben, (doc) =>
        (spaceProposals(doc).get('proposal03') as Y.Map<unknown>).set('authorId', BEN),
      ),
    ).toBe('WRITE-11: an entry’s author never changes');
  });

  it('WRITE-8 lets members edit the text of a draft or a proposal in consent, never an adopted one', () => {
    const edits: Array<[string, (doc: Y.Doc) => void]> = [
      ['title', (doc) => proposalTitle(doc).insert(4, ' (or five)')],
      ['driver', (doc) => proposalDriver(doc).delete(0, 3)],
      ['body', (doc) => proposalBody(doc).insert(0, [paragraph('Work four days.')])],
    ];
    for (const [root, edit] of edits) {
      expect(attempt('proposal', proposal('draft'), as.ana, edit), root).toBeNull();
      expect(attempt('proposal', proposal('in-consent'), as.ben, edit), root).toBeNull();
      expect(attempt('proposal', proposal('adopted'), as.admin, edit)).toBe(
        'WRITE-8: the text of a proposal that is adopted does not change',
      );
    }
    // Before the proposal exists (its creation may arrive after its text).
    expect(
      attempt('proposal', new Y.Doc(), as.ana, (doc) => proposalTitle(doc).insert(0, 'T')),
    ).toBeNull();
    // An edit inside the body's existing paragraph, after adoption.
    const adopted = proposal('draft');
    proposalBody(adopted).insert(0, [paragraph('Work four days.')]);
    proposalFields(adopted).set('status', 'adopted');
    expect(
      attempt('proposal', adopted, as.ana, (doc) =>
        ((proposalBody(doc).get(0) as Y.XmlElement).get(0) as Y.XmlText).insert(0, 'Never '),
      ),
    ).toBe('WRITE-8: the text of a proposal that is adopted does not change');
  });

  it('WRITE-9 the space map is created once, then only renamed, by an admin', () => {
    const create = (doc: Y.Doc) =>
      initSpace(doc, { id: SPACE_ID, name: 'Coop', circleName: 'General', now: T0 });
    expect(attempt('space', new Y.Doc(), as.ana, create)).toBeNull();
    const server = space();
    const write = on('space', server);
    expect(write(as.admin, (doc) => renameSpace(doc, 'Coop du Val d’Oise'))).toBeNull();
    expect(write(as.ana, (doc) => renameSpace(doc, 'Mine'))).toBe(
      'WRITE-9: only an admin renames the space',
    );
    expect(write(as.lead, (doc) => renameSpace(doc, 'Mine'))).toBe(
      'WRITE-9: only an admin renames the space',
    );
    expect(write(as.admin, (doc) => spaceFields(doc).set('defaultCircleId', 'x'))).toBe(
      'WRITE-9: the space’s defaultCircleId never changes',
    );
    expect(write(as.admin, (doc) => spaceFields(doc).set('id', 'space0002'))).toBe(
      'WRITE-9: the space’s id never changes',
    );
  });

  it('WRITE-10 circles come with the space, then change only through adopted proposals', () => {
    const server = space();
    const write = on('space', server);
    const addCircle = (doc: Y.Doc) =>
      spaceCircles(doc).set(
        'circle0002',
        new Y.Map<unknown>([
          ['id', 'circle0002'],
          ['name', 'Kitchen'],
        ]),
      );
    const refusal = 'WRITE-10: circles change through adopted proposals (the server applies them)';
    expect(write(as.admin, addCircle)).toBe(refusal);
    expect(write(as.ana, addCircle)).toBe(refusal);
    const [circleId] = [...spaceCircles(server).keys()];
    expect(
      write(as.admin, (doc) =>
        spaceCircles(doc)
          .get(circleId ?? '')
          ?.set('name', 'Mine'),
      ),
    ).toBe(refusal);
    // Created with the space, in the same update: allowed.
    expect(
      attempt('space', new Y.Doc(), as.admin, (doc) =>
        initSpace(doc, { id: SPACE_ID, name: 'Coop', circleName: 'General', now: T0 }),
      ),
    ).toBeNull();
  });

  it('WRITE-15 roles, policies, assignments and the governance history: the server only', () => {
    const server = space();
    const write = on('space', server);
    for (const root of ['roles', 'policies', 'assignments', 'governance']) {
      expect(
        write(as.admin, (doc) => doc.getMap(root).set('r1', new Y.Map<unknown>([['id', 'r1']]))),
      ).toBe('WRITE-15: only the server writes here');
    }
  });

  it('WRITE-8 a proposal’s structured changes: members while a draft or in consent, frozen after', () => {
    const draft = proposal('draft');
    const addChange = (doc: Y.Doc) =>
      doc.getMap('changes').set('ch1', new Y.Map<unknown>([['type', 'role.add']]));
    expect(attempt('proposal', draft, as.ana, addChange)).toBeNull();
    expect(attempt('proposal', proposal('adopted'), as.ana, addChange)).toBe(
      'WRITE-8: the text of a proposal that is adopted does not change',
    );
  });

  it('WRITE-11 the proposal index: members add drafts and edit entries; the status is the server’s', () => {
    const server = space();
    const write = on('space', server);
    const summary = (status: 'draft' | 'adopted') => ({
      id: 'proposal02',
      title: 'Compost',
      status,
      circleId: CIRCLE_ID,
      createdAt: T0,
      updatedAt: T0,
    });
    expect(write(as.ana, (doc) => addProposalSummary(doc, summary('draft')))).toBeNull();
    expect(write(as.ana, (doc) => addProposalSummary(doc, summary('adopted')))).toBe(
      'WRITE-11: only the server writes a status',
    );
    expect(
      write(as.ana, (doc) =>
        updateProposalSummary(doc, PROPOSAL_ID, { title: 'Four days', updatedAt: T0 + 1 }),
      ),
    ).toBeNull();
    for (const writer of [as.ana, as.admin]) {
      expect(
        write(writer, (doc) => updateProposalSummary(doc, PROPOSAL_ID, { status: 'adopted' })),
      ).toBe('WRITE-11: only the server writes a status');
    }
    expect(write(as.admin, (doc) => spaceProposals(doc).delete(PROPOSAL_ID))).toBe(
      'WRITE-11: index entries are never removed',
    );
    expect(
      write(as.ana, (doc) =>
        spaceProposals(doc).set(
          PROPOSAL_ID,
          new Y.Map<unknown>([
            ['id', PROPOSAL_ID],
            ['title', 'Mine'],
          ]),
        ),
      ),
    ).toBe('WRITE-11: an index entry replaced');
    expect(
      write(as.ana, (doc) =>
        spaceProposals(doc).set('proposal02', new Y.Map<unknown>([['id', PROPOSAL_ID]])),
      ),
    ).toBe('WRITE-11: an entry whose id is not its key');
  });

  it('WRITE-12 the meeting index: members list meetings as upcoming; the status is the server’s', () => {
    const server = space();
    const write = on('space', server);
    const summary = (status: 'upcoming' | 'live') => ({
      id: 'meeting002',
      title: 'Retro',
      circleId: CIRCLE_ID,
      kind: 'tactical' as const,
      startsAt: T0,
      status,
      updatedAt: T0,
    });
    expect(write(as.ana, (doc) => addMeetingSummary(doc, summary('upcoming')))).toBeNull();
    expect(write(as.ana, (doc) => addMeetingSummary(doc, summary('live')))).toBe(
      'WRITE-12: only the server writes a status',
    );
    expect(
      write(as.creator, (doc) =>
        updateMeetingSummary(doc, MEETING_ID, { title: 'Moved', updatedAt: T0 + 1 }),
      ),
    ).toBeNull();
    expect(
      write(as.creator, (doc) =>
        updateMeetingSummary(doc, MEETING_ID, { status: 'ended', updatedAt: T0 + 1 }),
      ),
    ).toBe('WRITE-12: only the server writes a status');
    expect(write(as.admin, (doc) => spaceMeetings(doc).delete(MEETING_ID))).toBe(
      'WRITE-12: index entries are never removed',
    );
    // Nothing rewrites another's meeting entry afterwards: only its creator edits it.
    for (const writer of [as.ana, as.admin]) {
      expect(
        write(writer, (doc) =>
          updateMeetingSummary(doc, MEETING_ID, { startsAt: T0 + 3_600_000, updatedAt: T0 + 1 }),
        ),
      ).toBe('WRITE-12: only its creator edits a meeting’s entry');
    }
    // An entry listed before entries named their creator: an admin's only.
    const legacy = space();
    addMeetingSummary(legacy, { ...summary('upcoming'), id: 'meeting003' });
    const rename = (doc: Y.Doc) =>
      updateMeetingSummary(doc, 'meeting003', { title: 'Renamed', updatedAt: T0 + 1 });
    expect(attempt('space', legacy, as.admin, rename)).toBeNull();
    expect(attempt('space', legacy, as.ana, rename)).toBe(
      'WRITE-12: only an admin edits a meeting’s entry that names no creator',
    );
  });

  it('WRITE-13 the decision log is the server’s: no member records a decision', () => {
    const server = space();
    const write = on('space', server);
    for (const writer of [as.ana, as.admin]) {
      expect(write(writer, (doc) => recordDecision(doc, decision('out00001')))).toBe(
        'WRITE-13: only the server writes here',
      );
    }
    // The server records one; a client's full state re-sends it with an allowed edit.
    recordDecision(server, decision('out00001'));
    const client = new Y.Doc();
    Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
    updateProposalSummary(client, PROPOSAL_ID, { title: 'Four days', updatedAt: T0 + 1 });
    expect(judge('space', server, as.ana, Y.encodeStateAsUpdate(client))).toBeNull();
    expect(write(as.admin, (doc) => doc.getMap('decisions').delete('out00001'))).toBe(
      'WRITE-13: only the server writes here',
    );
  });

  it('judgeWrites allows an update with no writes, and names the first refused rule', () => {
    const ctx = {
      writer: as.ana,
      doc: meeting(),
      meeting: () => {
        throw new Error('not needed');
      },
    };
    expect(judgeWrites('meeting', [], ctx)).toEqual({ ok: true });
  });
});
