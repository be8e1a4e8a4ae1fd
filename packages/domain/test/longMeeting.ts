import * as c from '../src/process/commands.ts';
import type { MeetingEvent } from '../src/process/events.ts';
import { initialMeetingState, reduceMeeting } from '../src/process/fold.ts';
import type { MeetingState } from '../src/process/state.ts';
import { CONTEXT } from './meetingHarness.ts';

/** A long meeting: many check-in rounds of three turns, then churn in a consent round. */
export function longLog(events: number): unknown[] {
  const log: unknown[] = [];
  let state = initialMeetingState(CONTEXT);
  const act = (build: (s: MeetingState) => MeetingEvent): void => {
    const event = build(state);
    state = reduceMeeting(state, event, CONTEXT, log.length).state;
    log.push(event);
  };
  act((s) => c.startMeeting(s, 'fac1', 1));
  while (log.length < events / 2) {
    act((s) => c.startRound(s, 'fac1', 2, ['ana', 'ben', 'chloe']));
    for (const person of ['ana', 'ben', 'chloe']) act((s) => c.endTurn(s, person, 3));
  }
  for (let i = 0; i < 5; i++) act((s) => c.nextStep(s, 'fac1', 4));
  for (let i = 0; log.length < events; i++) {
    const by = ['ana', 'ben', 'chloe'][i % 3]!;
    act((s) => c.recordPosition(s, by, 5, { value: i % 7 === 0 ? 'concern' : 'consent' }));
  }
  return log;
}
