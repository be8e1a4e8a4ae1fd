// Meeting fold benchmark: prints figures, asserts nothing (shared, noisy
// machines: read the ratio between sizes, measured in one run).
//   pnpm --filter @ronde/domain bench
//   … --smoke (or BENCH_SMOKE=1): small logs, one timing each (pnpm bench:smoke)
import { foldMeeting } from '../src/process/fold.ts';
import { longLog } from '../test/longMeeting.ts';
import { CONTEXT } from '../test/meetingHarness.ts';

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

const SMOKE = process.argv.includes('--smoke') || process.env.BENCH_SMOKE === '1';
const sizes = SMOKE ? [100, 200] : [1000, 2000, 4000, 8000];
const runs = SMOKE ? 1 : 7;
const figures: Record<number, number> = {};
for (const size of sizes) {
  const log = longLog(size);
  foldMeeting(log, CONTEXT); // warm up
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    foldMeeting(log, CONTEXT);
    times.push(performance.now() - started);
  }
  figures[size] = median(times);
  console.log(`fold ${String(size).padStart(5)} events: median ${figures[size]!.toFixed(1)} ms`);
}
const [small, large] = [sizes[sizes.length > 2 ? 1 : 0]!, sizes.at(-1)!];
console.log(
  `${large}/${small} events: ×${(figures[large]! / figures[small]!).toFixed(2)} ` +
    `(linear would be ×${(large / small).toFixed(2)})`,
);
