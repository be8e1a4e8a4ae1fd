import {
  addAction,
  addMeetingSummary,
  addProposalSummary,
  closeTension,
  editAction,
  editTension,
  initSpace,
  linkTensionToAction,
  linkTensionToProposal,
  logTension,
  putTensionOnAgenda,
  setActionDone,
  spaceActions,
  spaceTensions,
  updateMeetingSummary,
} from '@ronde/domain';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { locateUpdate } from './locateUpdate.ts';
import { policyGuard, WriteRefused } from './writeGuard.ts';
import type { Writer } from './writePolicy.ts';

const ANA = 'anauser1';
const BEN = 'benuser1';
const CAM = 'camuser1';
const as = {
  ana: { userId: ANA, role: 'member' },
  ben: { userId: BEN, role: 'member' },
  cam: { userId: CAM, role: 'member' },
  lead: { userId: 'spaceLd1', role: 'facilitator' },
  admin: { userId: 'admin001', role: 'admin' },
} satisfies Record<string, Writer>;

/** What the policy says of `writer`'s change to the server's space doc: null, or `WRITE-n: reason`. */
function attempt(server: Y.Doc, writer: Writer, change: (doc: Y.Doc) => void): string | null {
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
  const before = Y.encodeStateVector(client);
  change(client);
  const update = Y.encodeStateAsUpdate(client, before);
  const located = locateUpdate(update, server);
  if (located.ok && located.writes.length === 0) throw new Error('the change wrote nothing');
  try {
    policyGuard('space', writer)(server, update);
    return null;
  } catch (error) {
    if (!(error instanceof WriteRefused)) throw error;
    return `${error.rule}: ${error.reason}`;
  }
}

/** A change that must be allowed, then applied to the server. */
function commit(server: Y.Doc, writer: Writer, change: (doc: Y.Doc) => void): void {
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
  const before = Y.encodeStateVector(client);
  change(client);
  const update = Y.encodeStateAsUpdate(client, before);
  expect(attempt(server, writer, (doc) => Y.applyUpdate(doc, update))).toBeNull();
  Y.applyUpdate(server, update);
}

/** A space with ana's tension, ben's proposal and an upcoming and an ended meeting. */
function space(): Y.Doc {
  const server = new Y.Doc();
  initSpace(server, { id: 'space0001', name: 'Coop', circleName: 'General', now: 1 });
  addProposalSummary(server, {
    id: 'propBen01',
    title: 'Pay on time',
    status: 'draft',
    circleId: 'circle01',
    createdAt: 1,
    updatedAt: 1,
    authorId: BEN,
  });
  for (const [id, status] of [
    ['meetUp001', 'upcoming'],
    ['meetEnd01', 'ended'],
  ] as const) {
    addMeetingSummary(server, {
      id,
      title: id,
      circleId: 'circle01',
      kind: 'tactical',
      startsAt: 1,
      status: 'upcoming',
      updatedAt: 1,
    });
    updateMeetingSummary(server, id, { status, updatedAt: 2 });
  }
  commit(server, as.ana, (doc) =>
    logTension(doc, { id: 'tensAna01', by: ANA, what: 'Late', couldBe: 'On time', now: 2 }),
  );
  return server;
}

const log = (id: string, by: string) => (doc: Y.Doc) =>
  logTension(doc, { id, by, what: 'Keys', couldBe: '', now: 3 });

describe('the backlog’s write policy', () => {
  it('WRITE-17 anyone logs a tension in their own name, with known fields only', () => {
    const server = space();
    expect(attempt(server, as.ben, log('tensBen01', BEN))).toBeNull();
    expect(attempt(server, as.ben, log('tensBen01', ANA))).toMatch(/WRITE-17: .*someone else/);
    expect(
      attempt(server, as.ben, (doc) =>
        spaceTensions(doc).set(
          'tensBen02',
          new Y.Map([
            ['id', 'other001'],
            ['by', BEN],
          ]),
        ),
      ),
    ).toMatch(/id is not its key/);
    expect(
      attempt(server, as.ben, (doc) =>
        spaceTensions(doc).set(
          'tensBen03',
          new Y.Map<unknown>([
            ['id', 'tensBen03'],
            ['by', BEN],
            ['closing', 'resolved'],
          ]),
        ),
      ),
    ).toMatch(/a new tension has no closing/);
    expect(
      attempt(server, as.ben, (doc) =>
        spaceTensions(doc).set('tensBen04', new Y.Map([['triagedTo', 'proposal']])),
      ),
    ).toMatch(/a new tension has no triagedTo/);
    expect(
      attempt(server, as.ben, (doc) =>
        spaceTensions(doc).set('tensBen05', new Y.Text('x') as never),
      ),
    ).toMatch(/not a map/);
    expect(
      attempt(server, as.ben, (doc) =>
        spaceTensions(doc).set('tensBen06', new Y.Map([['what', 'x'.repeat(1001)]])),
      ),
    ).toMatch(/at most 1000/);
  });

  it('WRITE-17 NAME-4 a tension carries its author’s registered name, not another’s', () => {
    const server = space();
    const ben = { ...as.ben, name: 'Ben' };
    const named = (byName: string) => (doc: Y.Doc) =>
      logTension(doc, { id: 'tensBen09', by: BEN, byName, what: 'Keys', couldBe: '', now: 3 });
    expect(attempt(server, ben, named('Ben'))).toBeNull();
    // No name at all (the domain writes ''): the reader shows "someone".
    expect(attempt(server, ben, named(''))).toBeNull();
    expect(attempt(server, ben, named('Ana'))).toBe(
      'WRITE-17: a display name other than one’s own (NAME-4)',
    );
    // A member the space knows by no name writes none.
    const unnamed = { ...as.ben, name: '' };
    expect(attempt(server, unnamed, named(''))).toBeNull();
    expect(attempt(server, unnamed, named('Ana'))).toBe(
      'WRITE-17: a display name from a member the space knows by none: name yourself first (NAME-4, NAME-5)',
    );
  });

  it('WRITE-17 only its author or a facilitator edits or closes a tension; a closed one never changes', () => {
    const server = space();
    expect(
      attempt(server, as.ben, (doc) => editTension(doc, 'tensAna01', { what: 'Mine now' })),
    ).toMatch(/WRITE-17: only its author/);
    expect(
      attempt(server, as.ben, (doc) =>
        closeTension(doc, 'tensAna01', { closing: 'dropped', by: BEN, reason: 'no', now: 5 }),
      ),
    ).toMatch(/only its author or a facilitator closes/);
    expect(attempt(server, as.ben, (doc) => spaceTensions(doc).delete('tensAna01'))).toMatch(
      /never removed/,
    );
    expect(
      attempt(server, as.ana, (doc) => spaceTensions(doc).get('tensAna01')!.set('by', BEN)),
    ).toMatch(/by never changes/);
    expect(
      attempt(server, as.lead, (doc) =>
        closeTension(doc, 'tensAna01', { closing: 'dropped', by: ANA, reason: 'x', now: 5 }),
      ),
    ).toMatch(/someone else’s name/);
    commit(server, as.ana, (doc) => editTension(doc, 'tensAna01', { couldBe: 'Paid in 15 days' }));
    commit(server, as.lead, (doc) =>
      closeTension(doc, 'tensAna01', { closing: 'resolved', by: 'spaceLd1', reason: '', now: 6 }),
    );
    expect(
      attempt(server, as.ana, (doc) => spaceTensions(doc).get('tensAna01')!.delete('closing')),
    ).toMatch(/closed tension does not change/);
    expect(
      attempt(server, as.admin, (doc) => spaceTensions(doc).get('tensAna01')!.set('what', 'x')),
    ).toMatch(/closed tension does not change/);
  });

  it('WRITE-17 a tension links a listed proposal once, by the proposal’s author or a facilitator', () => {
    const server = space();
    expect(
      attempt(server, as.ben, (doc) =>
        spaceTensions(doc).get('tensAna01')!.set('proposalId', 'nothere1'),
      ),
    ).toMatch(/does not list/);
    expect(
      attempt(server, as.cam, (doc) => linkTensionToProposal(doc, 'tensAna01', 'propBen01')),
    ).toMatch(/only the proposal’s author/);
    commit(server, as.ben, (doc) => linkTensionToProposal(doc, 'tensAna01', 'propBen01'));
    expect(
      attempt(server, as.admin, (doc) =>
        spaceTensions(doc).get('tensAna01')!.set('proposalId', 'propBen01'),
      ),
    ).toMatch(/linked once/);
    expect(
      attempt(server, as.ben, (doc) => spaceTensions(doc).get('tensAna01')!.delete('proposalId')),
    ).toMatch(/linked once/);
  });

  it('WRITE-17 a tension goes on the agenda of a listed meeting that has not ended', () => {
    const server = space();
    expect(
      attempt(server, as.cam, (doc) =>
        spaceTensions(doc).get('tensAna01')!.set('meetingId', 'meetEnd01'),
      ),
    ).toMatch(/has ended/);
    expect(
      attempt(server, as.cam, (doc) =>
        spaceTensions(doc).get('tensAna01')!.set('meetingId', 'nothere1'),
      ),
    ).toMatch(/does not list/);
    commit(server, as.cam, (doc) => putTensionOnAgenda(doc, 'tensAna01', 'meetUp001', 'item0001'));
    expect(
      attempt(server, as.cam, (doc) => spaceTensions(doc).get('tensAna01')!.delete('meetingId')),
    ).toMatch(/on a meeting’s agenda/);
  });

  it('WRITE-17 a tension links an action made of it, once, by its creator or a facilitator; triage marks are the server’s', () => {
    const server = space();
    commit(server, as.ben, (doc) =>
      addAction(doc, {
        id: 'actOther1',
        kind: 'action',
        title: 'Other',
        ownerId: BEN,
        by: BEN,
        now: 3,
      }),
    );
    expect(
      attempt(server, as.ben, (doc) =>
        spaceTensions(doc).get('tensAna01')!.set('actionId', 'actOther1'),
      ),
    ).toMatch(/not made of this tension/);
    commit(server, as.ben, (doc) =>
      addAction(doc, {
        id: 'actMade01',
        kind: 'project',
        title: 'Automate',
        ownerId: CAM,
        by: BEN,
        tensionId: 'tensAna01',
        now: 4,
      }),
    );
    expect(
      attempt(server, as.cam, (doc) => linkTensionToAction(doc, 'tensAna01', 'actMade01')),
    ).toMatch(/only the action’s creator/);
    commit(server, as.ben, (doc) => linkTensionToAction(doc, 'tensAna01', 'actMade01'));
    expect(
      attempt(server, as.admin, (doc) =>
        spaceTensions(doc).get('tensAna01')!.set('triagedTo', 'proposal'),
      ),
    ).toMatch(/only the server records a triage/);
    expect(
      attempt(server, as.admin, (doc) =>
        spaceTensions(doc).get('tensAna01')!.set('triageId', 'evt00001'),
      ),
    ).toMatch(/unknown tension field triageId/);
    expect(
      attempt(server, as.lead, (doc) =>
        spaceActions(doc).get('actMade01')!.set('reviewIds', ['evt00001']),
      ),
    ).toMatch(/unknown action field reviewIds/);
    expect(
      attempt(server, as.ben, (doc) =>
        spaceActions(doc).get('actMade01')!.set('meetingId', 'meetUp001'),
      ),
    ).toMatch(/meetingId never changes/);
  });

  it('WRITE-18 anyone creates an action in their own name, not done, made of a tension the space holds', () => {
    const server = space();
    const base = { kind: 'action' as const, title: 'Call', ownerId: CAM, now: 3 };
    expect(
      attempt(server, as.ben, (doc) => addAction(doc, { ...base, id: 'actBen01', by: BEN })),
    ).toBeNull();
    expect(
      attempt(server, as.ben, (doc) => addAction(doc, { ...base, id: 'actBen01', by: ANA })),
    ).toMatch(/WRITE-18: .*someone else/);
    expect(
      attempt(server, as.ben, (doc) => {
        addAction(doc, { ...base, id: 'actBen01', by: BEN });
        spaceActions(doc).get('actBen01')!.set('done', true);
      }),
    ).toMatch(/starts not done/);
    expect(
      attempt(server, as.ben, (doc) => {
        logTension(doc, { id: 'tensFake1', by: BEN, what: 'x', couldBe: '', now: 1 });
        addAction(doc, { ...base, id: 'actBen01', by: BEN, tensionId: 'tensFake1' });
      }),
    ).toMatch(/does not hold/);
    expect(
      attempt(server, as.ben, (doc) =>
        spaceActions(doc).set('actBen02', new Y.Map<unknown>([['meetingId', 'meetUp001']])),
      ),
    ).toMatch(/a new action has no meetingId/);
    expect(
      attempt(server, as.ben, (doc) =>
        spaceActions(doc).set('actBen03', new Y.Map<unknown>([['dueDate', 'tomorrow']])),
      ),
    ).toMatch(/YYYY-MM-DD/);
  });

  it('WRITE-18 its owner or a facilitator marks it done; creator, owner or facilitator edit it; nobody removes it', () => {
    const server = space();
    commit(server, as.ben, (doc) =>
      addAction(doc, {
        id: 'actBen01',
        kind: 'action',
        title: 'Call',
        ownerId: CAM,
        by: BEN,
        now: 3,
      }),
    );
    expect(
      attempt(server, as.ben, (doc) =>
        setActionDone(doc, 'actBen01', { done: true, by: BEN, now: 4 }),
      ),
    ).toMatch(/only its owner or a facilitator marks/);
    expect(
      attempt(server, as.cam, (doc) =>
        setActionDone(doc, 'actBen01', { done: true, by: BEN, now: 4 }),
      ),
    ).toMatch(/someone else’s name/);
    expect(
      attempt(server, as.ana, (doc) => editAction(doc, 'actBen01', { title: 'Mine' })),
    ).toMatch(/only its creator, its owner/);
    expect(attempt(server, as.ben, (doc) => spaceActions(doc).delete('actBen01'))).toMatch(
      /never removed/,
    );
    expect(
      attempt(server, as.cam, (doc) =>
        spaceActions(doc).get('actBen01')!.set('tensionId', 'tensAna01'),
      ),
    ).toMatch(/tensionId never changes/);
    commit(server, as.ben, (doc) => editAction(doc, 'actBen01', { dueDate: '2026-04-01' }));
    commit(server, as.cam, (doc) =>
      setActionDone(doc, 'actBen01', { done: true, by: CAM, now: 5 }),
    );
    commit(server, as.lead, (doc) =>
      setActionDone(doc, 'actBen01', { done: false, by: 'spaceLd1', now: 6 }),
    );
  });
});
