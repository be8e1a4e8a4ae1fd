import { cleanup } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readAcrossArrival } from '../hooks/arrivalGap.tsx';
import { docVersionStore, useDocVersion } from './useLedger.ts';

afterEach(cleanup);

/** A space's copy as the device's store or the server would send it. */
function copyWith(text: string): Uint8Array {
  const doc = new Y.Doc();
  doc.getArray<string>('tensions').push([text]);
  return Y.encodeStateAsUpdate(doc);
}

describe('docVersionStore', () => {
  it('sees an update made between the render and the subscription', () => {
    const doc = new Y.Doc();
    const store = docVersionStore(doc);
    // Rendered before the room's copy loaded: nobody listens yet.
    const first = store.getSnapshot();
    expect(store.getSnapshot()).toBe(first);
    Y.applyUpdate(doc, copyWith('No racks'));
    const stop = store.subscribe(() => {});
    const next = store.getSnapshot();
    expect(next).not.toBe(first);
    expect(next.at).toBeGreaterThan(0);
    expect(store.getSnapshot()).toBe(next);
    stop();
  });

  it('sees a deletion alone (it moves no state vector) made before the subscription', () => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, copyWith('No racks'));
    const store = docVersionStore(doc);
    const first = store.getSnapshot();
    doc.getArray('tensions').delete(0, 1);
    const stop = store.subscribe(() => {});
    expect(store.getSnapshot()).not.toBe(first);
    stop();
  });

  it('keeps its value when a first subscription finds nothing changed', () => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, copyWith('No racks'));
    const store = docVersionStore(doc);
    const first = store.getSnapshot();
    const stop = store.subscribe(() => {});
    expect(store.getSnapshot()).toBe(first);
    stop();
  });

  it('changes at each update while subscribed, and sees those made after the last unsubscription', () => {
    const doc = new Y.Doc();
    const store = docVersionStore(doc);
    const first = store.getSnapshot();
    let calls = 0;
    const stop = store.subscribe(() => calls++);
    expect(store.getSnapshot()).toBe(first);
    Y.applyUpdate(doc, copyWith('No racks'));
    expect(calls).toBe(1);
    const second = store.getSnapshot();
    expect(second).not.toBe(first);
    stop();
    // Nothing since the unsubscription: the same value, now and after subscribing again.
    expect(store.getSnapshot()).toBe(second);
    const again = store.subscribe(() => {});
    expect(store.getSnapshot()).toBe(second);
    again();
    doc.getArray<string>('tensions').push(['No bell']);
    expect(store.getSnapshot()).not.toBe(second);
  });
});

describe('useDocVersion', () => {
  it('a component that subscribes after the copy arrived sees a new version', () => {
    const doc = new Y.Doc();
    const copy = copyWith('No racks');
    expect(readAcrossArrival(doc, copy, () => useDocVersion(doc)).at).toBeGreaterThan(0);
  });
});
