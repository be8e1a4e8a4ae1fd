import { addProposalSummary, updateProposalSummary, type ProposalSummary } from '@ronde/domain';
import { act, cleanup, renderHook } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { useProposals } from './useProposals.ts';
import { useSpace } from './useSpace.ts';

afterEach(cleanup);

const summary = (id: string, title: string, at: number): ProposalSummary => ({
  id,
  title,
  status: 'draft',
  circleId: 'circle01',
  createdAt: at,
  updatedAt: at,
});

describe('useProposals', () => {
  it('re-renders with the new list when a proposal is added or edited', () => {
    const doc = new Y.Doc();
    const { result } = renderHook(() => useProposals(doc));
    expect(result.current).toEqual([]);
    act(() => addProposalSummary(doc, summary('prop0001', 'Four-day week', 1000)));
    expect(result.current.map((p) => p.title)).toEqual(['Four-day week']);
    act(() => addProposalSummary(doc, summary('prop0002', 'Budget', 2000)));
    act(() =>
      updateProposalSummary(doc, 'prop0001', { title: 'Four-day week trial', updatedAt: 3000 }),
    );
    expect(result.current.map((p) => p.title)).toEqual(['Four-day week trial', 'Budget']);
  });

  it('returns the same array between changes, and for changes elsewhere in the doc', () => {
    const doc = new Y.Doc();
    addProposalSummary(doc, summary('prop0001', 'Four-day week', 1000));
    const { result, rerender } = renderHook(() => useProposals(doc));
    const first = result.current;
    rerender();
    expect(result.current).toBe(first);
    act(() => doc.getMap('space').set('name', 'Renamed'));
    expect(result.current).toBe(first);
    // A write that changes nothing readable keeps the identity too.
    act(() => updateProposalSummary(doc, 'prop0001', { title: 'Four-day week' }));
    expect(result.current).toBe(first);
    // So does a change inside the index that the list does not show.
    act(() => (doc.getMap('proposals').get('prop0001') as Y.Map<unknown>).set('note', 'x'));
    expect(result.current).toBe(first);
  });
});

describe('useSpace', () => {
  it('is null until the space arrives, then its fields', () => {
    const doc = new Y.Doc();
    const { result } = renderHook(() => useSpace(doc));
    expect(result.current).toBeNull();
    act(() => {
      const m = doc.getMap('space');
      m.set('id', 'space001');
      m.set('name', 'Coop du Val');
    });
    expect(result.current?.name).toBe('Coop du Val');
  });
});
