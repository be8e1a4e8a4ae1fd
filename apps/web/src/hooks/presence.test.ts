import { describe, expect, it } from 'vitest';
import { presentPeople } from './presence.ts';

describe('presentPeople', () => {
  it('lists each user once, self first, then by name, skipping states without a user', () => {
    const states = new Map<number, Record<string, unknown>>([
      [30, { user: { id: 'uZoe0001', name: 'Zoé', color: '#1f6f8b' } }],
      [10, { user: { id: 'uAwa0001', name: 'Awa', color: '#b4441f' } }],
      [11, { user: { id: 'uAwa0001', name: 'Awa', color: '#b4441f' } }], // second tab
      [20, { user: { id: 'uMe00001', name: 'Moi', color: '#2f7d32' } }],
      [40, {}],
    ]);
    const people = presentPeople(states, 'uMe00001');
    expect(people.map((p) => [p.name, p.isSelf])).toEqual([
      ['Moi', true],
      ['Awa', false],
      ['Zoé', false],
    ]);
  });
});
