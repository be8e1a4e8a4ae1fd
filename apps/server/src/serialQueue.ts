/**
 * Runs async tasks one at a time, in order. Each document has one, so its
 * stores never overlap and the registry can wait for it to drain before
 * unloading (the race Hocuspocus lost data to).
 */
export interface SerialQueue {
  /** Queues `task`; resolves or rejects with it. A failure does not stop the queue. */
  run<T>(task: () => Promise<T>): Promise<T>;
  /** Tasks queued or running. */
  readonly pending: number;
  /** Resolves once nothing is queued or running (including tasks queued meanwhile). */
  drained(): Promise<void>;
}

export function createSerialQueue(): SerialQueue {
  let tail: Promise<unknown> = Promise.resolve();
  let pending = 0;
  return {
    run<T>(task: () => Promise<T>): Promise<T> {
      pending++;
      const result = tail.then(task).finally(() => {
        pending--;
      });
      tail = result.catch(() => undefined);
      return result;
    },
    get pending() {
      return pending;
    },
    async drained() {
      while (pending > 0) await tail;
    },
  };
}
