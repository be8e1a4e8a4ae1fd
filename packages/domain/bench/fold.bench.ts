// Meeting fold benchmark: prints figures, asserts nothing (shared, noisy
// machines: read the ratio between sizes, measured in one run).
//   pnpm --filter @ronde/domain bench
import { foldMeeting } from '../src/process/fold.ts';
import { longLog } from '../test/longMeeting.ts';
import { CONTEXT } from '../test/meetingHarness.ts';

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

const sizes = [1000, 2000, 4000, 8000];
const figures: Record<number, number> = {};
for (const size of sizes) {
  const log = longLog(size);
  foldMeeting(log, CONTEXT); // warm up
  const times: number[] = [];
  for (let i = 0; i < 7; i++) {
    const started = performance.now();
    foldMeeting(log, CONTEXT);
    times.push(performance.now() - started);
  }
  figures[size] = median(times);
  console.log(`fold ${String(size).padStart(5)} events: median ${figures[size]!.toFixed(1)} ms`);
}
console.log(
  `8000/2000 events: ×${(figures[8000]! / figures[2000]!).toFixed(2)} (linear would be ×4.00)`,
);
