import { describe, expect, it } from 'vitest';
import { foldMeeting } from '../src/process/fold.ts';
import { longLog } from './longMeeting.ts';
import { CONTEXT } from './meetingHarness.ts';

// Speed is measured by `pnpm --filter @ronde/domain bench` (bench/fold.bench.ts),
// which prints figures; a timed assertion would be noise on shared machines.
describe('a long meeting', () => {
  it('MEET-1 folds a log of thousands of events, every one applied', () => {
    const log = longLog(4000);
    const state = foldMeeting(log, CONTEXT);
    expect(state.results).toHaveLength(4000);
    expect(state.results.every((r) => r.status === 'applied')).toBe(true);
  });
});
