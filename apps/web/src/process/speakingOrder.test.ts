import type { MeetingPerson } from '@ronde/domain';
import { describe, expect, it } from 'vitest';
import { defaultOrder, mergeOrder, moveInOrder } from './speakingOrder.ts';

const p = (id: string): MeetingPerson => ({ id, name: id, role: 'participant', joinedAt: 0 });
const people = ['ana', 'ben', 'cleo', 'dan'].map(p);

describe('speaking order', () => {
  it('puts the people present first, then the others, in join order', () => {
    expect(defaultOrder(people, new Set(['cleo', 'ben']))).toEqual(['ben', 'cleo', 'ana', 'dan']);
    expect(defaultOrder(people, null)).toEqual(['ana', 'ben', 'cleo', 'dan']);
  });

  it('keeps a hand-made order, dropping leavers and appending newcomers', () => {
    expect(mergeOrder(['dan', 'gone', 'ana'], ['ana', 'ben', 'dan'])).toEqual([
      'dan',
      'ana',
      'ben',
    ]);
  });

  it('moves one place, and not past an end', () => {
    expect(moveInOrder(['a', 'b', 'c'], 2, -1)).toEqual(['a', 'c', 'b']);
    expect(moveInOrder(['a', 'b', 'c'], 0, -1)).toEqual(['a', 'b', 'c']);
  });
});
