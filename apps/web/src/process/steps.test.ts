import * as c from '@ronde/domain';
import { describe, expect, it } from 'vitest';
import { currentTemplate, railSteps, upcoming } from './steps.ts';
import { testMeeting } from './testMeeting.ts';

const FAC = 'fac00001';
const ANA = 'ana00001';

/** Through check-in to the IDM item's objection round. */
function toObjectionRound(m: ReturnType<typeof testMeeting>) {
  m.run(c.startMeeting, FAC);
  m.run(c.gotoItem, FAC, 'idmitem1');
  let state = m.run(c.nextStep, FAC);
  for (let i = 0; i < 3; i++) state = m.run(c.nextStep, FAC);
  return state;
}

describe('upcoming: where "Next step" leads, as the rail says it', () => {
  it('is nothing before the start, and the first pending item during check-in', () => {
    const m = testMeeting();
    expect(upcoming(c.foldMeeting([], { agenda: [], people: [] }))).toBeNull();
    const state = m.run(c.startMeeting, FAC);
    expect(upcoming(state)).toEqual({ kind: 'item', title: 'Budget' });
  });

  it('follows the template, and from a positions round goes to the outcome when nobody objects', () => {
    const m = testMeeting();
    const state = toObjectionRound(m);
    expect(state.step?.key).toBe('objections');
    expect(upcoming(state)).toEqual({ kind: 'step', name: 'process.step.idm.outcome' });
    const after = m.run(c.recordPosition, ANA, { value: 'objection', reason: 'Too costly' });
    expect(upcoming(after)).toEqual({ kind: 'step', name: 'process.step.idm.test' });
  });

  it('goes from integration back to the objection round (its `then`)', () => {
    const m = testMeeting();
    toObjectionRound(m);
    m.run(c.recordPosition, ANA, { value: 'objection', reason: 'Too costly' });
    m.run(c.nextStep, FAC);
    // Not ruled: the objection still blocks, so the test step leads to integration.
    const test = m.run(c.nextStep, FAC);
    expect(test.step?.key).toBe('integrate');
    expect(upcoming(test)).toEqual({ kind: 'step', name: 'process.step.idm.objections' });
  });

  it('waits for the outcome at the outcome step, then leads to the next item and the closing', () => {
    const m = testMeeting();
    toObjectionRound(m);
    const atOutcome = m.run(c.nextStep, FAC);
    expect(atOutcome.step?.key).toBe('outcome');
    expect(upcoming(atOutcome)).toBeNull();
    const decided = m.run(c.recordOutcome, FAC, 'deferred', null);
    expect(upcoming(decided)).toEqual({ kind: 'item', title: 'Rota' });
    const rota = m.run(c.nextStep, FAC);
    expect(upcoming(rota)).toEqual({ kind: 'step', name: 'process.step.consent.clarify' });
    const closing = m.run(c.skipItem, FAC, 'cnsitem1');
    expect(closing.phase).toBe('closing');
    expect(upcoming(closing)).toEqual({ kind: 'end' });
  });
});

describe('railSteps', () => {
  it('marks the steps before the current one done, the current one current', () => {
    const m = testMeeting();
    const state = toObjectionRound(m);
    const template = currentTemplate(state)!;
    const rail = railSteps(template, state.step!);
    expect(rail.map((s) => s.status)).toEqual([
      'done',
      'done',
      'done',
      'done',
      'current',
      'ahead',
      'ahead',
      'ahead',
    ]);
    expect(rail[4]?.name).toBe('process.step.idm.objections');
  });
});
