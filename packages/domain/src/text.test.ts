import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { replaceText, toWellFormed } from './text.ts';

function textOf(value: string): Y.Text {
  const doc = new Y.Doc();
  const text = doc.getText('t');
  text.insert(0, value);
  return text;
}

describe('replaceText', () => {
  it('TEXT-1 edits only the changed span, in one transaction', () => {
    const text = textOf('Budget 2026');
    const deltas: unknown[] = [];
    text.observe((event) => deltas.push(event.delta));
    replaceText(text, 'Budget 2027');
    expect(text.toString()).toBe('Budget 2027');
    expect(deltas).toEqual([[{ retain: 10 }, { delete: 1 }, { insert: '7' }]]);
  });

  it('TEXT-1 handles insertions, deletions, emptying and no-ops', () => {
    const text = textOf('hello world');
    replaceText(text, 'hello brave world');
    expect(text.toString()).toBe('hello brave world');
    replaceText(text, 'hello');
    expect(text.toString()).toBe('hello');
    replaceText(text, '');
    expect(text.toString()).toBe('');
    replaceText(text, 'again');
    expect(text.toString()).toBe('again');
    let events = 0;
    text.observe(() => events++);
    replaceText(text, 'again');
    expect(events).toBe(0);
  });

  it('TEXT-1 never splits a surrogate pair', () => {
    const text = textOf('a😀b');
    replaceText(text, 'a😃b');
    expect(text.toString()).toBe('a😃b');
    expect(text.toString()).not.toMatch(/\uFFFD/);
  });

  it('TEXT-1 keeps a concurrent edit made elsewhere by another replica', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    a.getText('t').insert(0, 'Four-day week');
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    replaceText(a.getText('t'), 'A four-day week');
    b.getText('t').insert('Four-day week'.length, ' for all');
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    expect(a.getText('t').toString()).toBe('A four-day week for all');
    expect(b.getText('t').toString()).toBe(a.getText('t').toString());
  });
});

describe('toWellFormed', () => {
  it('TEXT-2 replaces lone surrogates so every replica stores the same text', () => {
    expect(toWellFormed('a\uD83Db')).toBe('a\uFFFDb');
    expect(toWellFormed('a\uDE00b')).toBe('a\uFFFDb');
    expect(toWellFormed('a😀b')).toBe('a😀b');
    const a = new Y.Doc();
    const b = new Y.Doc();
    replaceText(a.getText('t'), 'x\uD83D');
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    expect(a.getText('t').toString()).toBe('x\uFFFD');
    expect(b.getText('t').toString()).toBe(a.getText('t').toString());
  });
});
