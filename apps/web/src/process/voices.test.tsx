import * as c from '@ronde/domain';
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { translatePlural } from '../i18n/translate.ts';
import { useSession } from '../state/session.ts';
import type { ProposalSlotProps } from './ProposalRoom.tsx';
import { ProcessView } from './ProcessView.tsx';
import { testMeeting } from './testMeeting.ts';
import { readMeetingState } from './useMeetingState.ts';

beforeEach(() => useSession.setState({ language: 'en', serverOffsetMs: 0 }));
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const FAC = 'fac00001';
const ANA = 'ana00001';
const BEN = 'ben00001';
const CHL = 'chl00001';

/** Shows whether the meeting lets this user edit the proposal text. */
function Slot({ editable }: ProposalSlotProps) {
  return <p>{editable ? 'text editable' : 'text read-only'}</p>;
}

const region = () => screen.getByRole('region', { name: 'Process' });

/** The consent item (Rota, by Ana) at the step with this key. */
function toConsentStep(m: ReturnType<typeof testMeeting>, key: string) {
  m.run(c.startMeeting, FAC);
  let state = m.run(c.gotoItem, FAC, 'cnsitem1');
  while (state.step?.key !== key) state = m.run(c.nextStep, FAC);
  return state;
}

/** Ben objected in the first consent round; the meeting is at "Integrate". */
function integrating() {
  const m = testMeeting();
  toConsentStep(m, 'consent');
  m.run(c.recordPosition, BEN, { value: 'objection', reason: 'Too fast' });
  const state = m.run(c.nextStep, FAC);
  const objection = c.currentItem(state)!.objections[0]!;
  return { m, objection };
}

describe('what went wrong for that team', () => {
  it('bug 1: the proposer amends the text at "Amend and clarify" (AMEND-1)', () => {
    const m = testMeeting();
    toConsentStep(m, 'amend');
    const { rerender } = render(<ProcessView doc={m.doc} me={ANA} ProposalSlot={Slot} />);
    expect(screen.getByText('text editable')).toBeTruthy();
    rerender(<ProcessView doc={m.doc} me={BEN} ProposalSlot={Slot} />);
    expect(screen.getByText('text read-only')).toBeTruthy();
  });

  it('bug 3: in consent the objector is asked whether the amendment resolves the objection (CONSENT-4)', () => {
    const { m, objection } = integrating();
    m.run(c.linkAmendment, ANA, objection.id, 'Start in September');
    const { rerender } = render(<ProcessView doc={m.doc} me={ANA} />);
    const group = () => screen.getByRole('group', { name: 'Objection of Ben' });
    expect(within(group()).queryByText('Does this amendment resolve your objection?')).toBeNull();
    expect(within(group()).getByText(/Ben is asked whether it resolves/)).toBeTruthy();
    rerender(<ProcessView doc={m.doc} me={BEN} />);
    expect(within(group()).getByText('Does this amendment resolve your objection?')).toBeTruthy();
    fireEvent.click(within(group()).getByRole('button', { name: 'No, not yet' }));
    expect(within(group()).getByText(/does not resolve the objection yet/)).toBeTruthy();
    expect(within(group()).queryByRole('button', { name: 'No, not yet' })).toBeNull();
  });

  it('bug 6: the item’s time box runs over its steps, never restarting, and shows the overrun (TIME-1)', () => {
    const m = testMeeting();
    m.run(c.startMeeting, FAC);
    const entered = m.run(c.gotoItem, FAC, 'idmitem1'); // a 10-minute time box
    const start = entered.step!.startedAt;
    m.run(c.nextStep, FAC);
    m.run(c.nextStep, FAC); // two steps later, 2 s on the meeting's clock
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(start + 4 * 60_000);
    render(<ProcessView doc={m.doc} me={FAC} />);
    expect(screen.getByRole('timer', { name: 'Time box left' }).textContent).toBe('6:00');
    cleanup();
    vi.setSystemTime(start + 12 * 60_000 + 30_000);
    render(<ProcessView doc={m.doc} me={FAC} />);
    expect(screen.getByRole('timer', { name: 'Time box left' }).textContent).toBe(
      '2:30 over 10:00',
    );
    expect(within(region()).getByText('12:30 of 10:00: 2:30 over')).toBeTruthy();
  });

  it('bug 7: "Next step" asks before leaving a round still running', () => {
    const m = testMeeting();
    m.run(c.startMeeting, FAC);
    m.run(c.startRound, FAC, [ANA, BEN, CHL]);
    m.run(c.endTurn, ANA);
    render(<ProcessView doc={m.doc} me={FAC} />);
    fireEvent.click(within(region()).getByRole('button', { name: 'Next step' }));
    const dialog = screen.getByRole('alertdialog');
    expect(dialog.textContent).toContain('2 people have not had their turn yet');
    expect(c.readLog(m.doc)).toHaveLength(3);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Stay and finish the round' }));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(c.readLog(m.doc)).toHaveLength(3);
  });

  it('bug 7: the summary writes the review date as the decision log does', () => {
    const m = testMeeting();
    toConsentStep(m, 'consent');
    m.run(c.recordPosition, ANA, { value: 'consent' });
    m.run(c.nextStep, FAC);
    m.run(c.recordOutcome, FAC, 'adopted', '2027-06-01');
    m.run(c.skipItem, FAC, 'idmitem1');
    const state = readMeetingState(m.doc);
    if (state.phase !== 'ended') m.run(c.nextStep, FAC);
    if (readMeetingState(m.doc).phase !== 'ended') m.run(c.nextStep, FAC);
    render(<ProcessView doc={m.doc} me={ANA} />);
    expect(region().textContent).toContain('June 1, 2027');
    expect(region().textContent).not.toContain('2027-06-01');
  });
});

describe('every voice heard', () => {
  it('EQUITY-2 speaking time and share per person, live; turns and passes', () => {
    const m = testMeeting();
    m.run(c.startMeeting, FAC);
    m.run(c.startRound, FAC, [ANA, BEN, CHL]);
    m.run(c.endTurn, ANA);
    m.run(c.passTurn, BEN);
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(m.clock() + 3000); // Chloe has spoken 3 s so far
    render(<ProcessView doc={m.doc} me={ANA} />);
    const table = screen.getByRole('table', { name: 'Speaking time' });
    const rows = within(table).getAllByRole('row');
    expect(rows[1]?.textContent).toMatch(/^Chloe0:0375\s?%0 turns$/);
    expect(rows[2]?.textContent).toMatch(/^Ana0:0125\s?%1 turn$/);
    expect(within(table).getByRole('row', { name: /Ben/ }).textContent).toContain('1 passed');
  });

  it('EQUITY-3/4 the not yet heard are listed; the next round can start with them', () => {
    const m = testMeeting();
    m.run(c.startMeeting, FAC);
    m.run(c.startRound, FAC, [ANA, BEN]);
    m.run(c.endTurn, ANA);
    m.run(c.endTurn, BEN);
    render(<ProcessView doc={m.doc} me={FAC} />);
    const heading = screen.getByRole('heading', { name: 'Not yet heard in this meeting' });
    expect(heading.parentElement?.textContent).toMatch(/Awa, Farid,? and Chloe/);
    fireEvent.click(screen.getByRole('button', { name: 'Start with those not yet heard' }));
    const order = screen.getByRole('list', { name: 'Speaking order' });
    expect(
      within(order)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual([
      expect.stringContaining('Awa'),
      expect.stringContaining('Farid'),
      expect.stringContaining('Chloe'),
      expect.stringContaining('Ana'),
      expect.stringContaining('Ben'),
    ]);
  });

  it('INTEREST-1 a declared interest and conflict travel with the position and show beside it', () => {
    const m = testMeeting();
    toConsentStep(m, 'consent');
    render(<ProcessView doc={m.doc} me={BEN} />);
    fireEvent.click(
      screen.getByRole('checkbox', { name: 'I have a personal interest in the outcome' }),
    );
    fireEvent.change(screen.getByRole('textbox', { name: 'My interest' }), {
      target: { value: 'I do the Friday shift' },
    });
    fireEvent.click(screen.getByRole('checkbox', { name: 'It is a conflict of interest' }));
    act(() => {
      // The form submits through the event channel; the test appends what it built.
      m.run(c.recordPosition, BEN, {
        value: 'consent',
        interest: { text: 'I do the Friday shift', conflict: true },
      });
    });
    const list = screen.getByRole('list', { name: 'Positions' });
    expect(list.textContent).toContain('Conflict of interest');
    expect(list.textContent).toContain('(interest: I do the Friday shift)');
  });

  it('plural forms follow each language: French says "0 tour", English "0 turns"', () => {
    expect(translatePlural('fr', 'equity.turns', 0)).toBe('0 tour');
    expect(translatePlural('en', 'equity.turns', 0)).toBe('0 turns');
    expect(translatePlural('en', 'equity.turns', 1)).toBe('1 turn');
    expect(translatePlural('fr', 'equity.turns', 2)).toBe('2 tours');
  });
});
