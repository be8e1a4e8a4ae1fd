import { describe, expect, it } from 'vitest';
import { CONTEXT, PEOPLE, harness } from '../../test/meetingHarness.ts';
import type { FoldContext } from '../process/state.ts';
import { nextStep, startMeeting } from '../process/commands.ts';
import { foldMeeting } from '../process/fold.ts';
import { parseEvent } from '../process/parseEvent.ts';
import { appliedReviews, appliedTriages, reviewAction, triageTension } from './triage.ts';

const action = { title: 'Call the bank', ownerId: 'ben', dueDate: '2026-03-01' };
const TACTICAL: FoldContext = { ...CONTEXT, kind: 'tactical' };

function started() {
  const h = harness(TACTICAL);
  h.act(startMeeting, 'fac1');
  return h;
}

describe('triage in a meeting', () => {
  it('TRIAGE-1 only a facilitator triages, and only while the meeting runs', () => {
    const h = harness(TACTICAL);
    const triage = (by: string) =>
      triageTension(by, 1, { tensionId: 'tens01', outcome: 'proposal', reason: '', action: null });
    expect(h.push(triage('fac1')).reason).toBe('not-started');
    h.act(startMeeting, 'fac1');
    expect(h.push(triage('ana'))).toMatchObject({ status: 'refused', reason: 'not-facilitator' });
    expect(h.push(triage('obs'))).toMatchObject({ status: 'refused', reason: 'observer' });
    expect(h.push(triage('fac2')).status).toBe('applied');
    expect(h.push(reviewAction('ana', 2, 'act001', true)).reason).toBe('not-facilitator');
  });

  it('TRIAGE-2 an action or project carries one (title, real due date, an owner of the meeting); a drop carries a reason', () => {
    const h = started();
    const push = (outcome: 'action' | 'project' | 'dropped' | 'proposal', extra: object) =>
      h.push({
        ...triageTension('fac1', 1, { tensionId: 'tens01', outcome, reason: '', action: null }),
        ...extra,
      });
    expect(push('action', {}).reason).toBe('malformed');
    expect(push('proposal', { action: { ...action, id: 'act001' } }).reason).toBe('malformed');
    expect(push('dropped', {}).reason).toBe('reason-required');
    expect(push('dropped', { reason: 'Not ours' }).status).toBe('applied');
    expect(push('action', { action: { ...action, id: 'act001', title: '  ' } }).reason).toBe(
      'invalid-title',
    );
    expect(
      push('action', { action: { ...action, id: 'act001', dueDate: '2026-13-01' } }).reason,
    ).toBe('invalid-date');
    expect(
      push('action', { action: { ...action, id: 'act001', ownerId: 'stranger' } }).reason,
    ).toBe('unknown-person');
    expect(push('project', { action: { ...action, id: 'act001' } }).status).toBe('applied');
  });

  it('TRIAGE-3 a follow-up records done or not done of an action, by a facilitator', () => {
    const h = started();
    expect(h.push(reviewAction('fac1', 1, 'act001', false)).status).toBe('applied');
    expect(parseEvent({ ...reviewAction('fac1', 1, 'act001', true), done: 'yes' })).toBeNull();
  });

  it('TRIAGE-4 applied triages and follow-ups are read back in log order; refused ones are not', () => {
    const h = harness({ agenda: [], people: PEOPLE, kind: 'tactical' });
    h.act(startMeeting, 'fac1');
    const first = triageTension('fac1', 1, {
      tensionId: 'tens01',
      outcome: 'action',
      reason: '',
      action,
    });
    h.push(first);
    h.push(
      triageTension('ana', 2, {
        tensionId: 'tens02',
        outcome: 'dropped',
        reason: 'x',
        action: null,
      }),
    );
    h.push(
      triageTension('fac2', 3, {
        tensionId: 'tens02',
        outcome: 'dropped',
        reason: ' Later ',
        action: null,
      }),
    );
    h.push(reviewAction('fac1', 4, 'act009', true));
    h.act(nextStep, 'fac1'); // check-in → closing
    h.act(nextStep, 'fac1'); // closing → ended
    expect(h.state().phase).toBe('ended');
    h.push(reviewAction('fac1', 5, 'act008', true));
    const state = h.state();
    expect(appliedTriages(state, h.log)).toEqual([
      first,
      expect.objectContaining({ tensionId: 'tens02', by: 'fac2', reason: 'Later' }),
    ]);
    expect(appliedTriages(state, h.log)[0]?.action?.id).toBe(first.action?.id);
    expect(appliedReviews(state, h.log).map((r) => [r.actionId, r.done])).toEqual([
      ['act009', true],
    ]);
  });

  it('TRIAGE-5 only a meeting its start fixed as tactical triages; a later edit of the kind changes nothing', () => {
    const triage = () =>
      triageTension('fac1', 1, {
        tensionId: 'tens01',
        outcome: 'proposal',
        reason: '',
        action: null,
      });
    // A governance meeting (and a document without a kind) triages nothing.
    for (const context of [CONTEXT, { ...CONTEXT, kind: 'governance' as const }]) {
      const h = harness(context);
      h.act(startMeeting, 'fac1');
      expect((h.last() as { kind?: string }).kind).toBe('governance');
      expect(h.push(triage())).toMatchObject({ status: 'refused', reason: 'not-tactical' });
      expect(h.push(reviewAction('fac1', 2, 'act001', true)).reason).toBe('not-tactical');
    }
    // The same log read with the document's kind edited afterwards: the start's snapshot rules.
    const tactical = harness(TACTICAL);
    tactical.act(startMeeting, 'fac1');
    expect(tactical.push(triage()).status).toBe('applied');
    expect(foldMeeting(tactical.log, CONTEXT).results.at(-1)?.status).toBe('applied');
    const governance = harness(CONTEXT);
    governance.act(startMeeting, 'fac1');
    governance.push(triage());
    expect(foldMeeting(governance.log, TACTICAL).results.at(-1)?.reason).toBe('not-tactical');
    // A start without a kind (written before kinds were logged) is no tactical meeting.
    const legacy = harness(TACTICAL);
    const start = startMeeting(legacy.state(), 'fac1', 10);
    const { kind: _kind, ...withoutKind } = start;
    expect(legacy.push(withoutKind).status).toBe('applied');
    expect(legacy.push(triage()).reason).toBe('not-tactical');
    // A kind that is none is malformed.
    expect(parseEvent({ ...start, kind: 'operations' })).toBeNull();
  });
});
