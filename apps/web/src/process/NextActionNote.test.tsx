import * as c from '@ronde/domain';
import { addAgendaItem, currentItem, readLog } from '@ronde/domain';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useSession } from '../state/session.ts';
import { ProcessView } from './ProcessView.tsx';
import { testMeeting } from './testMeeting.ts';
import { readMeetingState } from './useMeetingState.ts';

beforeEach(() => useSession.setState({ language: 'en', serverOffsetMs: 0 }));
afterEach(cleanup);

const FAC = 'fac00001';
const FARID = 'fac00002';
const ANA = 'ana00001';
const CHLOE = 'chl00001';
const OBS = 'obs00001';

/** The test meeting with a tension item owned by Chloe, current. */
function onTension() {
  const m = testMeeting();
  addAgendaItem(m.doc, {
    id: 'tnsitem1',
    kind: 'tension',
    text: 'The kitchen rota is unclear',
    ownerId: CHLOE,
    createdBy: CHLOE,
    now: 12,
  });
  m.run(c.startMeeting, FAC);
  m.run(c.gotoItem, FAC, 'tnsitem1');
  return m;
}

describe('a tension item’s next action (OUT-4)', () => {
  it('the owner and facilitators get the textbox; participants and observers only read the note', () => {
    const m = onTension();
    m.run(c.noteItem, FAC, 'Ask the circle lead');
    const { rerender } = render(<ProcessView doc={m.doc} me={CHLOE} />);
    for (const me of [CHLOE, FAC, FARID]) {
      rerender(<ProcessView doc={m.doc} me={me} />);
      const box = screen.getByRole('textbox', { name: 'Next action' }) as HTMLInputElement;
      expect(box.value).toBe('Ask the circle lead');
      expect(box.maxLength).toBe(500);
      expect(screen.getByRole('button', { name: 'Save next action' })).toBeTruthy();
      expect(screen.getByText('Next action: Ask the circle lead')).toBeTruthy();
    }
    for (const me of [ANA, OBS]) {
      rerender(<ProcessView doc={m.doc} me={me} />);
      expect(screen.queryByRole('textbox', { name: 'Next action' })).toBeNull();
      expect(screen.queryByRole('button', { name: 'Save next action' })).toBeNull();
      expect(screen.getByText('Next action: Ask the circle lead')).toBeTruthy();
    }
  });

  it('the owner saves the note; everyone sees the latest one, and the summary keeps it', () => {
    const m = onTension();
    const { rerender } = render(<ProcessView doc={m.doc} me={CHLOE} />);
    expect(screen.queryByText(/^Next action:/)).toBeNull();
    fireEvent.change(screen.getByRole('textbox', { name: 'Next action' }), {
      target: { value: '  Chloe drafts a rota proposal  ' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Save next action' }));
    expect(readLog(m.doc).at(-1)).toMatchObject({ type: 'item.note', by: CHLOE });
    const state = readMeetingState(m.doc);
    expect(state.results.at(-1)?.status).toBe('applied');
    expect(currentItem(state)?.note).toBe('Chloe drafts a rota proposal');
    expect((screen.getByRole('textbox', { name: 'Next action' }) as HTMLInputElement).value).toBe(
      'Chloe drafts a rota proposal',
    );
    rerender(<ProcessView doc={m.doc} me={ANA} />);
    expect(screen.getByText('Next action: Chloe drafts a rota proposal')).toBeTruthy();

    m.run(c.skipItem, FAC, 'idmitem1');
    m.run(c.skipItem, FAC, 'cnsitem1');
    while (readMeetingState(m.doc).phase !== 'ended') m.run(c.nextStep, FAC);
    rerender(<ProcessView doc={m.doc} me={ANA} />);
    const summary = screen.getByRole('region', { name: 'Meeting summary' });
    expect(summary.textContent).toContain('Next action: Chloe drafts a rota proposal');
  });

  it('is not shown on a proposal item', () => {
    const m = testMeeting();
    m.run(c.startMeeting, FAC);
    m.run(c.gotoItem, FAC, 'idmitem1');
    render(<ProcessView doc={m.doc} me={FAC} />);
    expect(screen.queryByRole('textbox', { name: 'Next action' })).toBeNull();
  });
});
