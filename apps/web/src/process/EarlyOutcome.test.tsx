import * as c from '@ronde/domain';
import { currentItem, findItem, readLog } from '@ronde/domain';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useSession } from '../state/session.ts';
import { ProcessView } from './ProcessView.tsx';
import { RefusalNote } from './RefusalNote.tsx';
import { testMeeting } from './testMeeting.ts';
import { readMeetingState } from './useMeetingState.ts';

beforeEach(() => useSession.setState({ language: 'en', serverOffsetMs: 0 }));
afterEach(cleanup);

const FAC = 'fac00001';
const ANA = 'ana00001';
const BEN = 'ben00001';
const OBS = 'obs00001';

function region() {
  return screen.getByRole('region', { name: 'Process' });
}

/** Opens the disclosure and returns the controls inside it. */
function openEarly() {
  const summary = within(region()).getByText('Close this item early', { selector: 'summary' });
  const details = summary.closest('details')!;
  fireEvent.click(summary);
  details.open = true;
  return within(details);
}

describe('closing a proposal item early (OUT-1)', () => {
  it('a facilitator sees it before the outcome step; participants, observers and the outcome step do not', () => {
    const m = testMeeting();
    m.run(c.startMeeting, FAC);
    m.run(c.gotoItem, FAC, 'cnsitem1');
    const { rerender } = render(<ProcessView doc={m.doc} me={FAC} />);
    const early = openEarly();
    expect(early.getByRole('combobox', { name: 'Early outcome' })).toBeTruthy();
    expect(early.getAllByRole('option').map((o) => o.textContent)).toEqual([
      'Withdrawn',
      'Deferred',
    ]);
    expect(early.getByLabelText('Review date')).toBeTruthy();
    expect(early.getByRole('button', { name: 'Record early outcome' })).toBeTruthy();

    for (const me of [ANA, BEN, OBS]) {
      rerender(<ProcessView doc={m.doc} me={me} />);
      expect(screen.queryByText('Close this item early')).toBeNull();
      expect(screen.queryByRole('button', { name: 'Record early outcome' })).toBeNull();
    }

    while (readMeetingState(m.doc).step?.kind !== 'outcome') m.run(c.nextStep, FAC);
    rerender(<ProcessView doc={m.doc} me={FAC} />);
    expect(screen.getByRole('button', { name: 'Record outcome' })).toBeTruthy();
    expect(screen.queryByText('Close this item early')).toBeNull();
    expect(screen.queryByRole('combobox', { name: 'Early outcome' })).toBeNull();
  });

  it('recording "Withdrawn" marks the item done with that outcome, at the server time', () => {
    const m = testMeeting();
    m.run(c.startMeeting, FAC);
    m.run(c.gotoItem, FAC, 'idmitem1');
    m.run(c.nextStep, FAC);
    const { rerender } = render(<ProcessView doc={m.doc} me={FAC} />);
    const early = openEarly();
    fireEvent.change(early.getByRole('combobox', { name: 'Early outcome' }), {
      target: { value: 'withdrawn' },
    });
    fireEvent.click(early.getByRole('button', { name: 'Record early outcome' }));
    expect(readLog(m.doc).at(-1)).toMatchObject({
      type: 'outcome.record',
      by: FAC,
      outcome: 'withdrawn',
      reviewDate: null,
    });
    const state = readMeetingState(m.doc);
    expect(state.results.at(-1)?.status).toBe('applied');
    const item = findItem(state, 'idmitem1')!;
    expect(item.status).toBe('done');
    expect(item.outcome).toMatchObject({ outcome: 'withdrawn', by: FAC });
    expect(screen.queryByText('Close this item early')).toBeNull();
    expect(screen.getByText('Withdrawn, recorded by Awa.')).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
    rerender(<ProcessView doc={m.doc} me={ANA} />);
    expect(screen.getByText('Withdrawn, recorded by Awa.')).toBeTruthy();
  });

  it('"Deferred" keeps an optional review date', () => {
    const m = testMeeting();
    m.run(c.startMeeting, FAC);
    m.run(c.gotoItem, FAC, 'cnsitem1');
    render(<ProcessView doc={m.doc} me={FAC} />);
    const early = openEarly();
    fireEvent.change(early.getByRole('combobox', { name: 'Early outcome' }), {
      target: { value: 'deferred' },
    });
    fireEvent.change(early.getByLabelText('Review date'), { target: { value: '2031-03-01' } });
    fireEvent.click(early.getByRole('button', { name: 'Record early outcome' }));
    const item = currentItem(readMeetingState(m.doc))!;
    expect(item.outcome).toMatchObject({ outcome: 'deferred', reviewDate: '2031-03-01' });
    // The review date in words, as in the summary and the log, in its own sentence.
    expect(screen.getByText('Deferred, recorded by Awa. Review on March 1, 2031.')).toBeTruthy();
  });
});

describe('RefusalNote', () => {
  it('says why the fold refused what this user sent, in their language; nothing once applied', () => {
    const result = {
      index: 3,
      id: 'evt00001',
      type: 'outcome.record',
      by: FAC,
      at: 0,
      status: 'refused',
      reason: 'item-done',
    } as const;
    const { rerender } = render(<RefusalNote result={result} />);
    expect(screen.getByRole('alert').textContent).toBe('Not recorded: the item is done.');
    rerender(<RefusalNote result={{ ...result, status: 'applied', reason: null }} />);
    expect(screen.queryByRole('alert')).toBeNull();
    useSession.setState({ language: 'fr' });
    rerender(<RefusalNote result={result} />);
    expect(screen.getByRole('alert').textContent).toBe('Non enregistré : le point est traité.');
  });
});
