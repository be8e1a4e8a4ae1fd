import { describe, expect, it } from 'vitest';
import { watchers } from './watchers.ts';

const present = (userId: string, isSelf = false) => ({
  userId,
  name: userId.toUpperCase(),
  color: '#000',
  isSelf,
});

describe('who is watching a meeting (bug 8)', () => {
  it('lists the people present whom the meeting does not list: the observers', () => {
    const people = [{ id: 'fac1', name: 'Fac', role: 'facilitator' as const, joinedAt: 1 }];
    expect(watchers(people, [present('obs1', true), present('fac1')])).toEqual([
      present('obs1', true),
    ]);
    expect(watchers(people, [])).toEqual([]);
  });
});
