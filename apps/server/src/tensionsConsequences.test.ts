import {
  addAction,
  foldMeeting,
  initialMeetingState,
  listActions,
  logTension,
  readAction,
  readTension,
  reviewAction,
  setActionDone,
  startMeeting,
  triageTension,
  type FoldContext,
  type MeetingPerson,
} from '@ronde/domain';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { writeBacklogConsequences } from './tensionsConsequences.ts';

const FAC = 'facuser1';
const ANA = 'anauser1';
const person = (id: string, role: MeetingPerson['role']): MeetingPerson => ({
  id,
  name: id,
  role,
  joinedAt: 0,
});
const CONTEXT: FoldContext = {
  agenda: [],
  people: [person(FAC, 'facilitator'), person(ANA, 'participant')],
  kind: 'tactical',
};

/**
 * A space with two tensions and an action, and a meeting log started by its
 * facilitator as a meeting of `kind` (tactical unless told).
 */
function setup(kind: FoldContext['kind'] = 'tactical') {
  const doc = new Y.Doc();
  logTension(doc, { id: 'tens0001', by: ANA, what: 'Late invoices', couldBe: '', now: 1 });
  logTension(doc, { id: 'tens0002', by: ANA, what: 'Keys', couldBe: '', now: 2 });
  addAction(doc, { id: 'act00001', kind: 'action', title: 'Call', ownerId: ANA, by: FAC, now: 3 });
  const log: unknown[] = [startMeeting(initialMeetingState({ ...CONTEXT, kind }), FAC, 10)];
  let writes = 0;
  const space = {
    doc,
    write: async (change: (d: Y.Doc) => void) => {
      writes++;
      doc.transact(() => change(doc), 'server');
      return null;
    },
  };
  const run = () =>
    writeBacklogConsequences({
      meetingId: 'meet0001',
      state: foldMeeting(log, CONTEXT),
      log,
      space,
      people: CONTEXT.people,
    });
  return { doc, log, run, writes: () => writes };
}

const action = { title: 'Automate reminders', ownerId: ANA, dueDate: '2026-03-01' };

describe('the backlog’s consequences', () => {
  it('TRIAGESRV-1 a triage into an action creates it, owned, linked both ways, from the meeting; once', async () => {
    const { doc, log, run, writes } = setup();
    const triage = triageTension(FAC, 20, {
      tensionId: 'tens0001',
      outcome: 'project',
      reason: '',
      action,
    });
    log.push(triage);
    await run();
    const id = triage.action!.id;
    expect(readAction(doc, id)).toMatchObject({
      kind: 'project',
      title: 'Automate reminders',
      ownerId: ANA,
      ownerName: ANA,
      by: FAC,
      dueDate: '2026-03-01',
      tensionId: 'tens0001',
      meetingId: 'meet0001',
      done: false,
    });
    expect(readTension(doc, 'tens0001')).toMatchObject({ actionId: id, status: 'action' });
    await run();
    expect(writes()).toBe(1);
  });

  it('TRIAGESRV-1 a drop closes the tension with its reason; a triage to a proposal marks it; a second triage does nothing', async () => {
    const { doc, log, run } = setup();
    log.push(
      triageTension(FAC, 20, {
        tensionId: 'tens0001',
        outcome: 'dropped',
        reason: 'Not ours',
        action: null,
      }),
    );
    log.push(
      triageTension(FAC, 21, {
        tensionId: 'tens0002',
        outcome: 'proposal',
        reason: '',
        action: null,
      }),
    );
    log.push(
      triageTension(FAC, 22, {
        tensionId: 'tens0002',
        outcome: 'dropped',
        reason: 'Later',
        action: null,
      }),
    );
    await run();
    expect(readTension(doc, 'tens0001')).toMatchObject({
      status: 'dropped',
      closeReason: 'Not ours',
      closedBy: FAC,
      closedAt: 20,
    });
    expect(readTension(doc, 'tens0002')).toMatchObject({
      status: 'proposal',
      triagedTo: 'proposal',
    });
  });

  it('TRIAGESRV-2 a refused triage, an unknown tension or an action id already taken write nothing', async () => {
    const { doc, log, run, writes } = setup();
    log.push(
      triageTension(ANA, 20, {
        tensionId: 'tens0001',
        outcome: 'dropped',
        reason: 'x',
        action: null,
      }),
    );
    log.push(
      triageTension(FAC, 21, {
        tensionId: 'nothere1',
        outcome: 'dropped',
        reason: 'x',
        action: null,
      }),
    );
    await run();
    expect(writes()).toBe(0);
    const taken = triageTension(FAC, 22, {
      tensionId: 'tens0001',
      outcome: 'action',
      reason: '',
      action,
    });
    log.push({ ...taken, action: { ...taken.action!, id: 'act00001' } });
    await run();
    expect(listActions(doc)).toHaveLength(1);
    expect(readTension(doc, 'tens0001')?.actionId).toBeNull();
  });

  it('TRIAGESRV-3 a follow-up marks the action done or not done once: a later change by its owner stands', async () => {
    const { doc, log, run } = setup();
    log.push(reviewAction(FAC, 30, 'act00001', true));
    await run();
    expect(readAction(doc, 'act00001')).toMatchObject({ done: true, doneBy: FAC, doneAt: 30 });
    setActionDone(doc, 'act00001', { done: false, by: ANA, now: 40 });
    await run();
    expect(readAction(doc, 'act00001')?.done).toBe(false);
  });

  it('TRIAGESRV-2 TRIAGE-5 a governance meeting’s triage and follow-up write nothing, though the meeting is now tactical', async () => {
    // `run` folds with the document's kind set to tactical: the start's snapshot says governance.
    const { doc, log, run, writes } = setup('governance');
    log.push(
      triageTension(FAC, 20, {
        tensionId: 'tens0001',
        outcome: 'action',
        reason: '',
        action,
      }),
    );
    log.push(
      triageTension(FAC, 21, {
        tensionId: 'tens0002',
        outcome: 'dropped',
        reason: 'Not ours',
        action: null,
      }),
    );
    log.push(reviewAction(FAC, 22, 'act00001', true));
    expect(
      foldMeeting(log, CONTEXT)
        .results.slice(1)
        .map((r) => r.reason),
    ).toEqual(['not-tactical', 'not-tactical', 'not-tactical']);
    await run();
    expect(writes()).toBe(0);
    expect(listActions(doc)).toHaveLength(1);
    expect(readTension(doc, 'tens0001')).toMatchObject({ status: 'open', actionId: null });
    expect(readTension(doc, 'tens0002')?.status).toBe('open');
    expect(readAction(doc, 'act00001')?.done).toBe(false);
  });
});
