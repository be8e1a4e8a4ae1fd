import * as c from '@ronde/domain';
import { addAgendaItem, applyChanges, initSpace, readLog } from '@ronde/domain';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { ProcessView } from '../process/ProcessView.tsx';
import { testMeeting } from '../process/testMeeting.ts';
import { readMeetingState } from '../process/useMeetingState.ts';
import { useSession } from '../state/session.ts';

const space = vi.hoisted(() => ({ doc: null as unknown as Y.Doc }));
vi.mock('../sync/useRoom.ts', () => ({ useRoom: () => ({ doc: space.doc }) }));

const FAC = 'fac00001';
const ANA = 'ana00001';
const BEN = 'ben00001';
const OBS = 'obs00001';

/** The test meeting with an election of the facilitator role on its agenda, entered. */
function electionMeeting() {
  space.doc = new Y.Doc();
  const { defaultCircleId } = initSpace(space.doc, {
    id: 'space001',
    name: 'Coop',
    circleName: 'General',
    now: 1,
  });
  applyChanges(
    space.doc,
    [
      {
        id: 'chg00001',
        by: FAC,
        at: 1,
        type: 'role.add',
        roleId: 'role0001',
        circleId: defaultCircleId,
        name: 'Facilitator',
        purpose: 'Meetings keep their purpose',
        elected: true,
      },
    ],
    { decisionId: 'dec00001', proposalId: null, at: 1 },
  );
  const m = testMeeting();
  addAgendaItem(m.doc, {
    id: 'elect001',
    kind: 'election',
    title: 'Election: Facilitator',
    election: { circleId: defaultCircleId, roleId: 'role0001', termEnd: '2031-06-30' },
    createdBy: FAC,
    now: 12,
  });
  m.run(c.startMeeting, FAC);
  m.run(c.gotoItem, FAC, 'elect001');
  return m;
}

const region = () => screen.getByRole('region', { name: 'Process' });

beforeEach(() => {
  localStorage.clear();
  useSession.setState({ language: 'en', serverOffsetMs: 0 });
});
afterEach(cleanup);

describe('the election screens (domain ELECT-1 … ELECT-7)', () => {
  it('ELECT-3 a sealed nomination leaves only its seal in the log; ELECT-4 it opens itself after the reveal', () => {
    const m = electionMeeting();
    const { rerender } = render(<ProcessView doc={m.doc} me={ANA} />);
    expect(within(region()).getByText('Electing: Facilitator · General')).toBeTruthy();
    m.run(c.nextStep, FAC);
    rerender(<ProcessView doc={m.doc} me={ANA} />);
    expect(screen.getByRole('heading', { level: 3 }).textContent).toBe('Written nominations');
    const form = screen.getByRole('form', { name: 'My written nomination' });
    fireEvent.click(within(form).getByRole('button', { name: 'Seal my nomination' }));
    expect(within(form).getByRole('alert').textContent).toBe('Choose a person.');
    fireEvent.change(within(form).getByRole('combobox', { name: 'I nominate' }), {
      target: { value: BEN },
    });
    fireEvent.change(within(form).getByRole('textbox', { name: 'Because' }), {
      target: { value: 'Listens before speaking' },
    });
    fireEvent.click(within(form).getByRole('button', { name: 'Seal my nomination' }));
    const sealed = readLog(m.doc).at(-1) as { type: string; id: string };
    expect(sealed.type).toBe('nomination.seal');
    expect(JSON.stringify(readLog(m.doc))).not.toContain('Listens before speaking');
    expect(readMeetingState(m.doc).results.at(-1)?.status).toBe('applied');
    expect(screen.getByText('1 nomination sealed')).toBeTruthy();

    // Others see that Ana sealed, never whom; an observer gets no form.
    rerender(<ProcessView doc={m.doc} me={OBS} />);
    expect(screen.queryByRole('form', { name: 'My written nomination' })).toBeNull();
    expect(screen.getByText('Sealed by Ana')).toBeTruthy();
    expect(screen.queryByText(/Listens before speaking/)).toBeNull();

    // The reveal: Ana's device opens her seal by itself.
    m.run(c.nextStep, FAC);
    rerender(<ProcessView doc={m.doc} me={ANA} />);
    expect(readLog(m.doc).at(-1)).toMatchObject({ type: 'nomination.reveal', sealId: sealed.id });
    const list = within(screen.getByRole('region', { name: 'Nominations' }));
    expect(list.getByText('Ana nominated Ben')).toBeTruthy();
    expect(list.getByText('Listens before speaking')).toBeTruthy();
  });

  it('ELECT-6 the facilitator proposes, ELECT-7 fills the role at the outcome; participants see it', () => {
    const m = electionMeeting();
    for (let i = 0; i < 4; i++) m.run(c.nextStep, FAC); // → propose
    const { rerender } = render(<ProcessView doc={m.doc} me={ANA} />);
    expect(screen.queryByRole('form', { name: 'Propose someone for the role' })).toBeNull();
    rerender(<ProcessView doc={m.doc} me={FAC} />);
    const form = screen.getByRole('form', { name: 'Propose someone for the role' });
    fireEvent.change(within(form).getByRole('combobox', { name: 'Person proposed' }), {
      target: { value: BEN },
    });
    fireEvent.change(within(form).getByLabelText('Term ends on'), {
      target: { value: '2031-07-31' },
    });
    fireEvent.click(within(form).getByRole('button', { name: 'Propose' }));
    expect(within(form).getByRole('alert').textContent).toMatch(/no later than/);
    fireEvent.change(within(form).getByLabelText('Term ends on'), {
      target: { value: '2030-12-31' },
    });
    fireEvent.click(within(form).getByRole('button', { name: 'Propose' }));
    expect(screen.getByText('Ben, until December 31, 2030')).toBeTruthy();
    m.run(c.nextStep, FAC);
    m.run(c.recordPosition, BEN, { value: 'consent' });
    m.run(c.nextStep, FAC);
    rerender(<ProcessView doc={m.doc} me={FAC} />);
    fireEvent.click(screen.getByRole('button', { name: 'Fill the role with Ben' }));
    expect(readMeetingState(m.doc).results.at(-1)?.status).toBe('applied');
    rerender(<ProcessView doc={m.doc} me={ANA} />);
    expect(screen.getByText('Ben fills the role until December 31, 2030.')).toBeTruthy();
  });

  it('speaks French', () => {
    useSession.setState({ language: 'fr' });
    const m = electionMeeting();
    m.run(c.nextStep, FAC);
    render(<ProcessView doc={m.doc} me={BEN} />);
    expect(screen.getByRole('heading', { level: 3 }).textContent).toBe('Nominations écrites');
    expect(screen.getByRole('form', { name: 'Ma nomination écrite' })).toBeTruthy();
    expect(screen.getByText('0 nomination scellée')).toBeTruthy();
  });
});
