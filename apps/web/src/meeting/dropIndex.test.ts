import { describe, expect, it } from 'vitest';
import { dropIndex } from './dropIndex.ts';

/** Applies a drop to a list, the way moveAgendaItem places the item among the others. */
function drop(list: string[], from: number, over: number, after: boolean): string[] {
  const item = list[from] as string;
  const others = list.filter((_, i) => i !== from);
  others.splice(dropIndex(from, over, after), 0, item);
  return others;
}

describe('dropIndex', () => {
  const list = ['a', 'b', 'c', 'd'];
  it('places an item dragged down before or after its target', () => {
    expect(drop(list, 0, 2, true)).toEqual(['b', 'c', 'a', 'd']);
    expect(drop(list, 0, 2, false)).toEqual(['b', 'a', 'c', 'd']);
    expect(drop(list, 1, 3, true)).toEqual(['a', 'c', 'd', 'b']);
  });

  it('places an item dragged up before or after its target', () => {
    expect(drop(list, 3, 0, false)).toEqual(['d', 'a', 'b', 'c']);
    expect(drop(list, 3, 1, true)).toEqual(['a', 'b', 'd', 'c']);
  });

  it('leaves an item dropped on itself in place', () => {
    expect(drop(list, 2, 2, false)).toEqual(list);
    expect(drop(list, 2, 2, true)).toEqual(list);
  });
});
