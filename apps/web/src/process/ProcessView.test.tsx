import * as c from '@ronde/domain';
import { readLog } from '@ronde/domain';
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { useLayoutEffect } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { useSession } from '../state/session.ts';
import { ProcessView } from './ProcessView.tsx';
import { testMeeting } from './testMeeting.ts';

beforeEach(() => useSession.setState({ language: 'en', serverOffsetMs: 0 }));
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const FAC = 'fac00001';
const ANA = 'ana00001';
const BEN = 'ben00001';
const OBS = 'obs00001';
const ORDER = [ANA, BEN];

function region() {
  return screen.getByRole('region', { name: 'Process' });
}

function buttonNames(): string[] {
  return within(region())
    .queryAllByRole('button')
    .map((b) => b.textContent ?? '');
}

/** Through check-in to the IDM item's objection round. */
function toObjectionRound(m: ReturnType<typeof testMeeting>) {
  m.run(c.startMeeting, FAC);
  m.run(c.gotoItem, FAC, 'idmitem1');
  for (let i = 0; i < 4; i++) m.run(c.nextStep, FAC);
}

describe('ProcessView controls per role', () => {
  it('before the start only a facilitator sees "Start meeting"', () => {
    const m = testMeeting();
    const { rerender } = render(<ProcessView doc={m.doc} me={FAC} />);
    expect(within(region()).getByRole('button', { name: 'Start meeting' })).toBeTruthy();
    rerender(<ProcessView doc={m.doc} me={ANA} />);
    expect(within(region()).queryByRole('button', { name: 'Start meeting' })).toBeNull();
    rerender(<ProcessView doc={m.doc} me={OBS} />);
    expect(buttonNames()).toEqual([]);
  });

  it('MEET-2 a facilitator sees "Start meeting" when the copy lands between the render and the subscription', () => {
    // The tensions e2e spec, under load: the page rendered the room's empty
    // document, its copy arrived before React subscribed, and the fold kept
    // no roles, so the creator had no "Start meeting".
    const copy = Y.encodeStateAsUpdate(testMeeting().doc);
    const doc = new Y.Doc();
    function Arrival() {
      useLayoutEffect(() => Y.applyUpdate(doc, copy), []);
      return null;
    }
    render(
      <>
        <ProcessView doc={doc} me={FAC} />
        <Arrival />
      </>,
    );
    expect(within(region()).getByRole('button', { name: 'Start meeting' })).toBeTruthy();
  });

  it('in the check-in a facilitator orders and starts the round; a participant calls time out; an observer has no control', () => {
    const m = testMeeting();
    m.run(c.startMeeting, FAC);
    const { rerender } = render(<ProcessView doc={m.doc} me={FAC} />);
    expect(screen.getByRole('heading', { level: 3, name: 'Check-in round' })).toBeTruthy();
    const order = screen.getByRole('list', { name: 'Speaking order' });
    expect(
      within(order)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual([
      expect.stringContaining('Awa'),
      expect.stringContaining('Farid'),
      expect.stringContaining('Ana'),
      expect.stringContaining('Ben'),
      expect.stringContaining('Chloe'),
    ]);
    fireEvent.click(screen.getByRole('button', { name: 'Move Ana earlier' }));
    expect(within(order).getAllByRole('listitem')[1]?.textContent).toContain('Ana');
    expect(buttonNames()).toEqual(
      expect.arrayContaining([
        'Start round',
        'Next step',
        'Call time out',
        'Go to “Budget”',
        'Skip “Budget”',
      ]),
    );
    expect(buttonNames()).not.toContain('Undo last step');

    rerender(<ProcessView doc={m.doc} me={ANA} />);
    expect(buttonNames()).toEqual(['Call time out']);
    rerender(<ProcessView doc={m.doc} me={OBS} />);
    expect(buttonNames()).toEqual([]);
    expect(screen.getByRole('heading', { level: 3, name: 'Check-in round' })).toBeTruthy();
  });

  it('starting a round appends the ordered round; the speaker and facilitators get End turn / Pass', () => {
    const m = testMeeting();
    m.run(c.startMeeting, FAC);
    const { rerender } = render(<ProcessView doc={m.doc} me={FAC} />);
    fireEvent.click(screen.getByRole('button', { name: 'Move Ana earlier' }));
    fireEvent.click(screen.getByRole('button', { name: 'Move Ana earlier' }));
    fireEvent.click(screen.getByRole('button', { name: 'Start round' }));
    expect(readLog(m.doc).at(-1)).toMatchObject({ type: 'round.start' });
    expect((readLog(m.doc).at(-1) as { order: string[] }).order[0]).toBe(ANA);
    expect(screen.getByText('Now speaking: Ana', { selector: 'p' })).toBeTruthy();
    expect(screen.getByText('Next: Awa')).toBeTruthy();
    const current = within(screen.getByRole('list', { name: 'Speaking order' }))
      .getAllByRole('listitem')
      .filter((li) => li.getAttribute('aria-current') === 'true');
    expect(current.map((li) => li.textContent)).toEqual([expect.stringContaining('Ana')]);
    expect(buttonNames()).toEqual(expect.arrayContaining(['End turn', 'Pass']));
    expect(screen.queryByText("It's your turn to speak")).toBeNull();

    rerender(<ProcessView doc={m.doc} me={ANA} />);
    expect(screen.getByText("It's your turn to speak")).toBeTruthy();
    expect(buttonNames()).toEqual(expect.arrayContaining(['End turn', 'Pass']));
    rerender(<ProcessView doc={m.doc} me={BEN} />);
    expect(buttonNames()).not.toContain('End turn');
    expect(screen.queryByText("It's your turn to speak")).toBeNull();
  });

  it('in French, the speaker ends a speaking turn, not the round ("tour" alone reads as the round)', () => {
    useSession.setState({ language: 'fr' });
    const m = testMeeting();
    m.run(c.startMeeting, FAC);
    m.run(c.startRound, FAC, ORDER);
    render(<ProcessView doc={m.doc} me={ANA} />);
    const region = screen.getByRole('region', { name: 'Processus' });
    expect(within(region).getByRole('button', { name: 'Terminer le tour de parole' })).toBeTruthy();
  });

  it('positions: an objection needs a reason; a facilitator may record for someone', () => {
    const m = testMeeting();
    toObjectionRound(m);
    const { rerender } = render(<ProcessView doc={m.doc} me={ANA} />);
    expect(screen.getByRole('heading', { level: 3, name: 'Objection round' })).toBeTruthy();
    expect(screen.getByText('Item: Budget')).toBeTruthy();
    const group = screen.getByRole('group', { name: 'Your position' });
    expect(
      within(group)
        .getAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual(['No objection', 'Objection']);
    expect(screen.queryByRole('combobox', { name: 'Record for' })).toBeNull();
    fireEvent.click(within(group).getByRole('button', { name: 'Objection' }));
    const before = readLog(m.doc).length;
    fireEvent.click(screen.getByRole('button', { name: 'Record objection' }));
    expect(screen.getByRole('alert').textContent).toContain('needs a reason');
    expect(readLog(m.doc).length).toBe(before);
    fireEvent.change(screen.getByRole('textbox', { name: 'Reason' }), {
      target: { value: 'Blocks my budget role' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Record objection' }));
    expect(readLog(m.doc).length).toBe(before + 1);
    const positions = screen.getByRole('list', { name: 'Positions' });
    expect(positions.textContent).toContain('Ana: Objection — Blocks my budget role');

    rerender(<ProcessView doc={m.doc} me={FAC} />);
    fireEvent.change(screen.getByRole('combobox', { name: 'Record for' }), {
      target: { value: BEN },
    });
    fireEvent.click(screen.getByRole('button', { name: 'No objection' }));
    expect(screen.getByRole('list', { name: 'Positions' }).textContent).toContain(
      'Ben: No objection (recorded by Awa on their behalf)',
    );

    rerender(<ProcessView doc={m.doc} me={OBS} />);
    expect(screen.queryByRole('group', { name: 'Your position' })).toBeNull();
    expect(buttonNames()).toEqual([]);
  });

  it('positions in French: a no-break space before the colon («\u00a0Ana : Objection\u00a0»)', () => {
    useSession.setState({ language: 'fr' });
    const m = testMeeting();
    toObjectionRound(m);
    m.run(c.recordPosition, ANA, { value: 'objection', reason: 'Trop cher' });
    render(<ProcessView doc={m.doc} me={ANA} />);
    expect(screen.getByRole('list', { name: 'Positions' }).textContent).toContain(
      'Ana\u00a0: Objection — Trop cher',
    );
  });

  it('positions: focus goes back to the position button once a reason is recorded or cancelled', () => {
    const m = testMeeting();
    toObjectionRound(m);
    render(<ProcessView doc={m.doc} me={ANA} />);
    const objection = within(screen.getByRole('group', { name: 'Your position' })).getByRole(
      'button',
      { name: 'Objection' },
    );
    fireEvent.click(objection);
    screen.getByRole('textbox', { name: 'Reason' }).focus();
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(document.activeElement).toBe(objection);

    fireEvent.click(objection);
    fireEvent.change(screen.getByRole('textbox', { name: 'Reason' }), {
      target: { value: 'Blocks my budget role' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Record objection' }));
    expect(screen.queryByRole('textbox', { name: 'Reason' })).toBeNull();
    expect(document.activeElement).toBe(objection);
  });

  it('IDM test and integration: the facilitator rules; objector and proposer confirm', () => {
    const m = testMeeting();
    toObjectionRound(m);
    m.run(c.recordPosition, ANA, { value: 'objection', reason: 'Too costly' });
    m.run(c.nextStep, FAC);
    const { rerender } = render(<ProcessView doc={m.doc} me={FAC} />);
    const test = screen.getByRole('group', { name: 'Test the objection of Ana' });
    fireEvent.click(within(test).getByRole('button', { name: 'Record ruling' }));
    expect(within(test).getByRole('alert')).toBeTruthy();
    for (const q of [
      'It causes harm or moves us backwards',
      'The tension is created by the proposal',
      'It must be dealt with now',
      "It limits one of the objector's roles",
    ]) {
      fireEvent.click(within(test).getByRole('checkbox', { name: q }));
    }
    fireEvent.click(within(test).getByRole('button', { name: 'Record ruling' }));
    expect(readLog(m.doc).at(-1)).toMatchObject({ type: 'objection.test', ruling: 'valid' });
    rerender(<ProcessView doc={m.doc} me={ANA} />);
    expect(screen.queryByRole('button', { name: 'Record ruling' })).toBeNull();

    m.run(c.nextStep, FAC);
    rerender(<ProcessView doc={m.doc} me={BEN} />);
    const group = () => screen.getByRole('group', { name: 'Objection of Ana' });
    fireEvent.change(within(group()).getByRole('textbox', { name: 'Amendment summary' }), {
      target: { value: 'Capped at 500' },
    });
    fireEvent.click(within(group()).getByRole('button', { name: 'Link amendment' }));
    fireEvent.click(within(group()).getByRole('button', { name: 'Confirm amendment' }));
    expect(within(group()).getByText('Confirmed by Ben')).toBeTruthy();
    rerender(<ProcessView doc={m.doc} me={'chl00001'} />);
    expect(within(group()).queryByRole('button', { name: 'Confirm amendment' })).toBeNull();
    expect(within(group()).queryByRole('button', { name: 'Link amendment' })).toBeNull();
    rerender(<ProcessView doc={m.doc} me={ANA} />);
    fireEvent.click(within(group()).getByRole('button', { name: 'Confirm amendment' }));
    expect(within(group()).getByText('Resolved')).toBeTruthy();
  });
});

describe('Timers', () => {
  it('count down the turn on the server clock, not the local one, and show an overrun', () => {
    const m = testMeeting();
    m.run(c.startMeeting, FAC);
    const state = m.run(c.startRound, FAC, ORDER);
    const turnStart = state.round!.turnStartedAt;
    const offset = 3_600_000; // this device is an hour behind the server
    useSession.setState({ serverOffsetMs: offset });
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(turnStart - offset + 30_000);
    render(<ProcessView doc={m.doc} me={ANA} />);
    expect(screen.getByRole('timer', { name: 'Turn time left' }).textContent).toBe('1:30');
    cleanup();
    vi.setSystemTime(turnStart - offset + 150_000);
    render(<ProcessView doc={m.doc} me={ANA} />);
    expect(screen.getByRole('timer', { name: 'Turn time left' }).textContent).toBe('0:30 over');
  });

  it('show the time box of an item step from the step start and the item time box', () => {
    const m = testMeeting();
    m.run(c.startMeeting, FAC);
    const state = m.run(c.gotoItem, FAC, 'idmitem1');
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(state.step!.startedAt + 60_000);
    render(<ProcessView doc={m.doc} me={FAC} />);
    expect(screen.getByRole('timer', { name: 'Time box left' }).textContent).toBe('9:00');
    expect(screen.queryByRole('timer', { name: 'Turn time left' })).toBeNull();
  });
});

describe('live region', () => {
  it('announces speaker, round-end and step changes (my own turn as mine), not the first render', () => {
    const m = testMeeting();
    m.run(c.startMeeting, FAC);
    const { container } = render(<ProcessView doc={m.doc} me={ANA} />);
    const live = container.querySelector('[aria-live="polite"]')!;
    expect(live.getAttribute('role')).toBeNull();
    expect(live.textContent).toBe('');
    act(() => {
      m.run(c.startRound, FAC, ORDER);
    });
    // Ana's own turn is said to her as hers.
    expect(live.textContent).toBe("It's your turn to speak");
    act(() => {
      m.run(c.endTurn, ANA);
    });
    expect(live.textContent).toBe('Now speaking: Ben');
    act(() => {
      m.run(c.endTurn, BEN);
    });
    // The last turn taken: the round is said to be complete.
    expect(live.textContent).toBe('Everyone has had their turn.');
    act(() => {
      m.run(c.callTimeout, BEN);
    });
    expect(live.textContent).toBe('Everyone has had their turn.');
    act(() => {
      m.run(c.gotoItem, FAC, 'idmitem1');
    });
    expect(live.textContent).toBe('Step: Present the proposal');
    expect(screen.getByText(/Ben called a time out/)).toBeTruthy();
  });
});
