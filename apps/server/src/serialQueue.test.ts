import { describe, expect, it } from 'vitest';
import { createSerialQueue } from './serialQueue.ts';

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve = (): void => {};
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('serialQueue', () => {
  it('runs tasks one at a time, in order', async () => {
    const queue = createSerialQueue();
    const events: string[] = [];
    const gate = deferred();
    const a = queue.run(async () => {
      events.push('a start');
      await gate.promise;
      events.push('a end');
    });
    const b = queue.run(async () => {
      events.push('b');
      return 2;
    });
    expect(queue.pending).toBe(2);
    await Promise.resolve();
    gate.resolve();
    await a;
    expect(await b).toBe(2);
    expect(events).toEqual(['a start', 'a end', 'b']);
    expect(queue.pending).toBe(0);
  });

  it('keeps going after a failure, and reports it to the caller', async () => {
    const queue = createSerialQueue();
    const failed = queue.run(() => Promise.reject(new Error('disk full')));
    const next = queue.run(async () => 'ok');
    await expect(failed).rejects.toThrow('disk full');
    expect(await next).toBe('ok');
  });

  it('drained waits for tasks queued while draining', async () => {
    const queue = createSerialQueue();
    const done: number[] = [];
    const first = deferred();
    void queue.run(async () => {
      await first.promise;
      done.push(1);
      void queue.run(async () => {
        done.push(2);
      });
    });
    const drained = queue.drained().then(() => [...done]);
    first.resolve();
    expect(await drained).toEqual([1, 2]);
    expect(queue.pending).toBe(0);
  });
});
