import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { decodeMessage, encodeSyncStep1, encodeSyncStep2 } from './protocol.ts';
import { createSyncAnswers, isEmptyStateVector } from './syncAnswers.ts';

const EMPTY = Y.encodeStateVector(new Y.Doc());

function textOf(step2: Uint8Array): string {
  // A server message has the shape of a client's step 2: decode it the same way.
  const message = decodeMessage(step2);
  if (message.type !== 'sync-step2') throw new Error('not a sync step 2');
  const doc = new Y.Doc();
  Y.applyUpdate(doc, message.update);
  return doc.getText('t').toString();
}

describe('syncAnswers', () => {
  it('SYNC-1 two clients joining with nothing get the same bytes, encoded once', () => {
    const doc = new Y.Doc();
    doc.getText('t').insert(0, 'hello');
    const answers = createSyncAnswers(doc);
    const first = answers.step2(EMPTY);
    const second = answers.step2(EMPTY);
    expect(second).toBe(first);
    expect(Array.from(first)).toEqual(Array.from(encodeSyncStep2(doc, EMPTY)));
    expect(answers.step1()).toBe(answers.step1());
    expect(Array.from(answers.step1())).toEqual(Array.from(encodeSyncStep1(doc)));
  });

  it('SYNC-1 any change of the document drops the cached answers (inserts and deletions)', () => {
    const doc = new Y.Doc();
    const text = doc.getText('t');
    text.insert(0, 'hello');
    const answers = createSyncAnswers(doc);
    const before = answers.step2(EMPTY);
    const step1Before = answers.step1();
    text.insert(5, ' world');
    const afterInsert = answers.step2(EMPTY);
    expect(afterInsert).not.toBe(before);
    expect(textOf(afterInsert)).toBe('hello world');
    expect(answers.step1()).not.toBe(step1Before);
    text.delete(0, 6);
    expect(textOf(answers.step2(EMPTY))).toBe('world');
    // A change made elsewhere, applied as an update, counts the same.
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
    other.getText('t').insert(0, '> ');
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(other, Y.encodeStateVector(doc)));
    expect(textOf(answers.step2(EMPTY))).toBe('> world');
  });

  it('SYNC-1 a client with a state gets its own difference, never the full state', () => {
    const doc = new Y.Doc();
    doc.getText('t').insert(0, 'hello');
    const client = new Y.Doc();
    Y.applyUpdate(client, Y.encodeStateAsUpdate(doc));
    doc.getText('t').insert(5, '!');
    const answers = createSyncAnswers(doc);
    const vector = Y.encodeStateVector(client);
    expect(isEmptyStateVector(vector)).toBe(false);
    const diff = answers.step2(vector);
    expect(Array.from(diff)).toEqual(Array.from(encodeSyncStep2(doc, vector)));
    expect(diff.length).toBeLessThan(answers.step2(EMPTY).length);
  });

  it('stops following the document once destroyed', () => {
    const doc = new Y.Doc();
    const answers = createSyncAnswers(doc);
    answers.destroy();
    doc.getText('t').insert(0, 'x');
    expect(textOf(answers.step2(EMPTY))).toBe('x');
  });
});
