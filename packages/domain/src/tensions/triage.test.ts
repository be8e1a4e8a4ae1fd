import { describe, expect, it } from 'vitest';
import { PEOPLE, harness } from '../../test/meetingHarness.ts';
import { nextStep, startMeeting } from '../process/commands.ts';
import { parseEvent } from '../process/parseEvent.ts';
import { appliedReviews, appliedTriages, reviewAction, triageTension } from './triage.ts';

const action = { title: 'Call the bank', ownerId: 'ben', dueDate: '2026-03-01' };

function started() {
  const h = harness();
  h.act(startMeeting, 'fac1');
  return h;
}

describe('triage in a meeting', () => {
  it('TRIAGE-1 only a facilitator triages, and only while the meeting runs', () => {
    const h = harness();
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
    const h = harness({ agenda: [], people: PEOPLE });
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
});
