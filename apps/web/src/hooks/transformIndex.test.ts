import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { transformIndex, type TextDelta } from './transformIndex.ts';

describe('transformIndex', () => {
  it('moves right for text inserted before, not after', () => {
    expect(transformIndex(5, [{ retain: 2 }, { insert: 'abc' }])).toBe(8);
    expect(transformIndex(5, [{ retain: 6 }, { insert: 'abc' }])).toBe(5);
  });

  it('moves left for text deleted before, and to the start of a deletion around it', () => {
    expect(transformIndex(5, [{ delete: 3 }])).toBe(2);
    expect(transformIndex(5, [{ retain: 3 }, { delete: 4 }])).toBe(3);
    expect(transformIndex(5, [{ retain: 5 }, { delete: 4 }])).toBe(5);
  });

  it('follows a real remote Y.Text edit', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    a.getText('t').insert(0, 'Budget 2026');
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    let delta: TextDelta[] = [];
    b.getText('t').observe((e) => {
      delta = e.delta as TextDelta[];
    });
    a.getText('t').insert(0, 'Draft: ');
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
    // A caret before "2026" in b stays before "2026".
    const caret = 'Budget '.length;
    expect(b.getText('t').toString().slice(transformIndex(caret, delta))).toBe('2026');
  });
});
