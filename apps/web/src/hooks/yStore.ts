/** What a store needs of a shared type (any Y.Map, Y.Array, Y.Text…). */
export interface Observable {
  observeDeep(f: () => void): void;
  unobserveDeep(f: () => void): void;
}

/** A store React can read with `useSyncExternalStore`. */
export interface ExternalStore<T> {
  subscribe(listener: () => void): () => void;
  getSnapshot(): T;
}

/** Structural equality for the plain data the domain's readers return. */
export function plainEqual(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

/**
 * A store over some shared types of a Y.Doc: `read` runs again only after one
 * of `types` changed (deeply), and its result keeps its identity while it is
 * structurally equal, so React does not re-render or loop on equal snapshots.
 *
 * @example
 * const store = createYStore([doc.getMap('proposals')], () => listProposals(doc));
 * useSyncExternalStore(store.subscribe, store.getSnapshot);
 */
export function createYStore<T>(types: readonly Observable[], read: () => T): ExternalStore<T> {
  let cached: { value: T } | null = null;
  // While nobody listens we cannot know about changes: recompute each time.
  let dirty = true;
  let listening = 0;
  return {
    subscribe(listener) {
      const onChange = (): void => {
        dirty = true;
        listener();
      };
      for (const type of types) type.observeDeep(onChange);
      listening++;
      dirty = true;
      return () => {
        for (const type of types) type.unobserveDeep(onChange);
        listening--;
        dirty = true;
      };
    },
    getSnapshot() {
      if (cached === null || dirty) {
        const value = read();
        if (cached === null || !plainEqual(cached.value, value)) cached = { value };
        dirty = listening === 0;
      }
      return cached.value;
    },
  };
}
