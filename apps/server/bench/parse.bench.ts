// Parse-once benchmark: what an incoming update costs before it is stored —
// validation plus the write policy's location — as it was (a scratch Y.Doc
// to validate, then a second decode to locate) and as it is (one decode,
// handed on: parseUpdate.ts). Prints figures, asserts nothing.
//
//   node --import tsx apps/server/bench/parse.bench.ts
//   … --smoke (or BENCH_SMOKE=1): a few iterations (pnpm bench:smoke)
import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';
import { locateUpdate } from '../src/locateUpdate.ts';
import { parseUpdate } from '../src/parseUpdate.ts';

const SMOKE = process.argv.includes('--smoke') || process.env.BENCH_SMOKE === '1';
const ITERATIONS = Number(process.env.ITERATIONS ?? (SMOKE ? 200 : 20_000));
const REPS = Number(process.env.REPS ?? (SMOKE ? 1 : 5));

/** The validation as it was: read into a throwaway document, then check the position. */
function validateWithScratchDoc(update: Uint8Array): void {
  const decoder = decoding.createDecoder(update);
  const scratch = new Y.Doc({ gc: false });
  try {
    Y.readUpdate(decoder, scratch, null);
  } finally {
    scratch.destroy();
  }
  if (decoder.pos !== update.length) throw new Error('malformed');
}

/** A proposal being typed into: the server's copy, and the next keystroke or paste. */
function fixture(chars: number): { doc: Y.Doc; update: Uint8Array } {
  const client = new Y.Doc();
  const body = client.getText('driver');
  for (let i = 0; i < 200; i++) body.insert(body.length, 'some earlier text ');
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(client));
  const before = Y.encodeStateVector(client);
  body.insert(Math.floor(body.length / 2), 'x'.repeat(chars));
  return { doc, update: Y.encodeStateAsUpdate(client, before) };
}

function time(run: () => void): number {
  const started = performance.now();
  for (let i = 0; i < ITERATIONS; i++) run();
  return ((performance.now() - started) * 1000) / ITERATIONS;
}

const median = (values: number[]): number =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

console.log(
  `parse: ${ITERATIONS} updates per run, ${REPS} interleaved repetitions (node ${process.version})` +
    (SMOKE ? ' [smoke]' : ''),
);
console.log('update              twice µs   once µs   ratio');
for (const [label, chars] of [
  ['keystroke', 1],
  ['paste of 2 KB', 2048],
] as const) {
  const { doc, update } = fixture(chars);
  const twice: number[] = [];
  const once: number[] = [];
  for (let rep = 0; rep < REPS; rep++) {
    twice.push(
      time(() => {
        validateWithScratchDoc(update);
        locateUpdate(update, doc);
      }),
    );
    once.push(time(() => void locateUpdate(update, doc, parseUpdate(update))));
  }
  const [a, b] = [median(twice), median(once)];
  console.log(
    `${label.padEnd(18)} ${a.toFixed(2).padStart(9)} ${b.toFixed(2).padStart(9)}   ×${(a / b).toFixed(2)}`,
  );
}
