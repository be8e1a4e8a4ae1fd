import { describe, expect, it } from 'vitest';
import { harness } from '../../test/meetingHarness.ts';
import { callTimeout, endTimeout, handOver, nextStep, startMeeting } from './commands.ts';
import { activeTimeout } from './selectors.ts';

describe('time-outs and handover', () => {
  it('MEET-9 anyone taking part calls a time-out; a facilitator ends it', () => {
    const h = harness();
    h.act(startMeeting, 'fac1');
    expect(h.act(callTimeout, 'obs')).toMatchObject({ reason: 'observer' });
    const before = h.state();
    expect(h.act(callTimeout, 'ben').status).toBe('applied');
    expect(activeTimeout(h.state())).toMatchObject({ by: 'ben', at: h.last().at, endedAt: null });
    expect(h.push(callTimeout(before, 'ana', 1))).toMatchObject({ status: 'superseded' });
    expect(h.act(nextStep, 'fac1').status).toBe('applied');
    expect(h.act(endTimeout, 'ben')).toMatchObject({ reason: 'not-facilitator' });
    expect(h.act(endTimeout, 'fac2').status).toBe('applied');
    expect(activeTimeout(h.state())).toBeNull();
    expect(h.state().timeouts[0]).toMatchObject({ by: 'ben', endedBy: 'fac2' });
    expect(h.act(endTimeout, 'fac2')).toMatchObject({ status: 'superseded' });
    expect(h.act(callTimeout, 'ana').status).toBe('applied');
    expect(h.state().timeouts).toHaveLength(2);
  });

  it('MEET-10 handover: the receiver becomes facilitator and the giver stops being one', () => {
    const h = harness();
    expect(h.act(handOver, 'ana', 'ben')).toMatchObject({ reason: 'not-facilitator' });
    expect(h.act(handOver, 'fac1', 'obs')).toMatchObject({ reason: 'observer' });
    expect(h.act(handOver, 'fac1', 'zed')).toMatchObject({ reason: 'unknown-person' });
    expect(h.act(handOver, 'fac1', 'fac2')).toMatchObject({ reason: 'already-facilitator' });
    expect(h.act(handOver, 'fac1', 'chloe').status).toBe('applied');
    expect(h.state().facilitators).toEqual(['chloe', 'fac2']);
    expect(h.act(startMeeting, 'fac1')).toMatchObject({ reason: 'not-facilitator' });
    expect(h.act(startMeeting, 'chloe').status).toBe('applied');
    expect(h.act(handOver, 'fac1', 'ana')).toMatchObject({ reason: 'not-facilitator' });
  });
});
