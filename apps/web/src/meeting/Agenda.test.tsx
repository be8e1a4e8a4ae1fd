import * as c from '@ronde/domain';
import {
  addAgendaItem,
  joinMeeting,
  listAgenda,
  readLog,
  type ProposalSummary,
} from '@ronde/domain';
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { usePeople } from '../hooks/usePeople.ts';
import { testMeeting } from '../process/testMeeting.ts';
import { useMeetingState } from '../process/useMeetingState.ts';
import { useSession } from '../state/session.ts';
import { Agenda } from './Agenda.tsx';
import { draftProblem } from './AddAgendaItemForm.tsx';
import type { PlannerRole } from './agendaRights.ts';

beforeEach(() => useSession.setState({ language: 'en', serverOffsetMs: 0 }));
afterEach(cleanup);

/** The agenda as the meeting page mounts it, following the document. */
function Live({
  doc,
  who,
  readOnly = false,
}: {
  doc: Y.Doc;
  who: PlannerRole;
  readOnly?: boolean;
}) {
  const state = useMeetingState(doc);
  const people = usePeople(doc);
  return (
    <MemoryRouter>
      <Agenda
        doc={doc}
        state={state}
        spaceId="space001"
        people={people}
        proposals={proposals}
        who={who}
        readOnly={readOnly}
      />
    </MemoryRouter>
  );
}

const proposals: ProposalSummary[] = [
  {
    id: 'prop0001',
    title: 'Four-day week',
    status: 'draft',
    circleId: 'c1',
    createdAt: 1,
    updatedAt: 1,
  },
];

function setup(canEdit = true) {
  const doc = new Y.Doc();
  joinMeeting(doc, { id: 'user0001', name: 'Awa', role: 'facilitator', now: 1 });
  for (const title of ['Budget', 'Garden', 'Website']) {
    addAgendaItem(doc, {
      id: `item${title}`,
      kind: 'information',
      title,
      createdBy: 'user0001',
      now: 1,
    });
  }
  render(<Live doc={doc} who={{ userId: 'user0001', manages: canEdit, writes: canEdit }} />);
  return doc;
}

const titles = (doc: Y.Doc) => listAgenda(doc).map((i) => i.title);

describe('Agenda', () => {
  it('moves an item with the keyboard buttons, keeps focus on it and announces the move', () => {
    const doc = setup();
    const up = screen.getByRole('button', { name: 'Move “Website” up' });
    up.focus();
    fireEvent.click(up);
    expect(titles(doc)).toEqual(['Budget', 'Website', 'Garden']);
    expect(screen.getByRole('status').textContent).toBe('“Website” moved to position 2 of 3.');
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Move “Website” up' }));
    fireEvent.click(screen.getByRole('button', { name: 'Move “Website” up' }));
    expect(titles(doc)).toEqual(['Website', 'Budget', 'Garden']);
    // At the top "up" is disabled: focus moves to "down".
    expect(screen.getByRole('button', { name: 'Move “Website” up' })).toHaveProperty(
      'disabled',
      true,
    );
    expect(document.activeElement).toBe(
      screen.getByRole('button', { name: 'Move “Website” down' }),
    );
  });

  it('follows a move made by someone else', () => {
    const doc = setup();
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
    const item = other.getMap<Y.Map<unknown>>('agenda').get('itemBudget');
    item?.set('order', 10);
    act(() => Y.applyUpdate(doc, Y.encodeStateAsUpdate(other, Y.encodeStateVector(doc))));
    const rows = screen.getAllByRole('listitem');
    expect(rows.map((r) => (r.querySelector('input') as HTMLInputElement).value)).toEqual([
      'Garden',
      'Website',
      'Budget',
    ]);
  });

  it('removes an item only after confirmation', () => {
    const doc = setup();
    fireEvent.click(screen.getByRole('button', { name: 'Remove “Garden”' }));
    fireEvent.click(screen.getByRole('button', { name: 'Keep it' }));
    expect(titles(doc)).toHaveLength(3);
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Remove “Garden”' }));
    fireEvent.click(screen.getByRole('button', { name: 'Remove “Garden”' }));
    fireEvent.click(screen.getByRole('button', { name: 'Yes, remove' }));
    expect(titles(doc)).toEqual(['Budget', 'Website']);
    expect(screen.getByRole('status').textContent).toBe('“Garden” removed from the agenda.');
  });

  it('renames inline on Enter and reverts on Escape', () => {
    const doc = setup();
    const input = screen.getByRole('textbox', { name: 'Title of “Budget”' });
    fireEvent.change(input, { target: { value: 'Budget 2030' } });
    expect(titles(doc)[0]).toBe('Budget');
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(titles(doc)[0]).toBe('Budget 2030');
    const renamed = screen.getByRole('textbox', { name: 'Title of “Budget 2030”' });
    fireEvent.change(renamed, { target: { value: 'Oops' } });
    fireEvent.keyDown(renamed, { key: 'Escape' });
    expect((renamed as HTMLInputElement).value).toBe('Budget 2030');
  });

  it('sets the time box, refusing values out of range', () => {
    const doc = setup();
    const box = screen.getByRole('spinbutton', { name: 'Time box of “Garden” (minutes)' });
    fireEvent.change(box, { target: { value: '300' } });
    fireEvent.blur(box);
    expect(listAgenda(doc)[1]?.timeboxMinutes).toBe(10);
    fireEvent.change(box, { target: { value: '25' } });
    fireEvent.blur(box);
    expect(listAgenda(doc)[1]?.timeboxMinutes).toBe(25);
  });

  it('adds a proposal item with its title and process', () => {
    const doc = setup();
    fireEvent.click(screen.getByRole('button', { name: 'Add to agenda' }));
    expect(screen.getByRole('alert').textContent).toBe('Please pick a proposal.');
    fireEvent.change(screen.getByRole('combobox', { name: 'Proposal' }), {
      target: { value: 'prop0001' },
    });
    fireEvent.change(screen.getByRole('combobox', { name: 'Process' }), {
      target: { value: 'idm' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Add to agenda' }));
    expect(listAgenda(doc).at(-1)).toMatchObject({
      kind: 'proposal',
      title: 'Four-day week',
      proposalId: 'prop0001',
      process: 'idm',
    });
  });

  it('is read-only for an observer', () => {
    setup(false);
    expect(screen.queryByRole('button', { name: 'Move “Budget” down' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Add to agenda' })).toBeNull();
  });

  it('names a read-only item’s owner with the colon of the language («\u00a0Porteur : …\u00a0»)', () => {
    useSession.setState({ language: 'fr' });
    setup(false);
    expect(screen.getAllByText(/^Porteur/)[0]!.textContent).toMatch(/^Porteur\u00a0: /);
  });
});

const FAC = 'fac00001';
const ANA = 'ana00001';
const BEN = 'ben00001';
const OBS = 'obs00001';

function agendaRegion() {
  return screen.getByRole('region', { name: 'Agenda' });
}

function controlNames(): string[] {
  const region = within(agendaRegion());
  return (['button', 'textbox', 'spinbutton', 'combobox'] as const)
    .flatMap((role) => region.queryAllByRole(role))
    .map((el) => el.getAttribute('aria-label') ?? el.textContent ?? '')
    .filter((name) => name !== '');
}

describe('Agenda before the start (WRITE-6)', () => {
  function planned(who: PlannerRole) {
    const doc = new Y.Doc();
    joinMeeting(doc, { id: 'user0001', name: 'Awa', role: 'facilitator', now: 1 });
    joinMeeting(doc, { id: 'user0002', name: 'Ben', now: 2 });
    addAgendaItem(doc, {
      id: 'itemAwa1',
      kind: 'information',
      title: 'Budget',
      createdBy: 'user0001',
      now: 3,
    });
    addAgendaItem(doc, {
      id: 'itemBen1',
      kind: 'information',
      title: 'Garden',
      createdBy: 'user0002',
      now: 4,
    });
    addAgendaItem(doc, {
      id: 'itemAwa2',
      kind: 'information',
      title: 'Website',
      ownerId: 'user0002',
      createdBy: 'user0001',
      now: 5,
    });
    render(<Live doc={doc} who={who} />);
    return doc;
  }

  it('offers a participant only the items they added or bring', () => {
    const doc = planned({ userId: 'user0002', manages: false, writes: true });
    expect(screen.getByText(/You can change the items you added or bring/)).toBeTruthy();
    expect(screen.queryByRole('textbox', { name: 'Title of “Budget”' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Remove “Budget”' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Move “Budget” down' })).toBeNull();
    expect(screen.getByRole('textbox', { name: 'Title of “Garden”' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Remove “Website”' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Move “Garden” up' }));
    expect(titles(doc)).toEqual(['Garden', 'Budget', 'Website']);
    expect(screen.getByRole('button', { name: 'Add to agenda' })).toBeTruthy();
  });

  it('offers a facilitator or an admin every item', () => {
    planned({ userId: 'user0003', manages: true, writes: true });
    for (const title of ['Budget', 'Garden', 'Website']) {
      expect(screen.getByRole('button', { name: `Remove “${title}”` })).toBeTruthy();
    }
    expect(screen.queryByText(/You can change the items you added or bring/)).toBeNull();
  });

  it('never offers a move that would renumber other people’s items (AGENDA-5)', () => {
    const doc = new Y.Doc();
    joinMeeting(doc, { id: 'user0002', name: 'Ben', now: 2 });
    addAgendaItem(doc, {
      id: 'itemAwa1',
      kind: 'information',
      title: 'Budget',
      createdBy: 'user0001',
      now: 3,
    });
    addAgendaItem(doc, {
      id: 'itemAwa2',
      kind: 'information',
      title: 'Garden',
      createdBy: 'user0001',
      now: 3,
    });
    addAgendaItem(doc, {
      id: 'itemBen1',
      kind: 'information',
      title: 'Website',
      createdBy: 'user0002',
      now: 4,
    });
    // No number fits between the first two any more.
    c.meetingAgenda(doc).get('itemAwa1')?.set('order', 1);
    c.meetingAgenda(doc)
      .get('itemAwa2')
      ?.set('order', 1 + Number.EPSILON);
    render(<Live doc={doc} who={{ userId: 'user0002', manages: false, writes: true }} />);
    expect(screen.getByRole('button', { name: 'Move “Website” up' })).toHaveProperty(
      'disabled',
      true,
    );
  });
});

describe('Agenda once the meeting has started (AGENDA-8…13)', () => {
  /** Started, the IDM item “Budget” (Ben's) current; “Rota” (Ana's) pending. */
  function live() {
    const m = testMeeting();
    m.run(c.startMeeting, FAC);
    m.run(c.gotoItem, FAC, 'idmitem1');
    // The map is frozen for clients now: what shows is the fold's items.
    return m;
  }
  const openDrawer = (label: string) =>
    fireEvent.click(within(agendaRegion()).getByText(label, { selector: 'summary' }));

  it('a participant cannot change the item being decided, only their own pending item', () => {
    const m = live();
    render(<Live doc={m.doc} who={{ userId: BEN, manages: false, writes: true }} />);
    openDrawer('Add an item, or change yours');
    const rows = within(agendaRegion()).getAllByRole('listitem');
    expect(rows.map((r) => r.textContent)).toEqual([
      expect.stringContaining('Current'),
      expect.stringContaining('Pending'),
    ]);
    // Ben brings "Budget", but it is being decided: nothing on it changes.
    expect(controlNames().filter((n) => n.includes('Budget'))).toEqual([]);
    // "Rota" is Ana's: Ben sees it, read-only.
    expect(controlNames().filter((n) => n.includes('Rota'))).toEqual([]);
    expect(screen.getByRole('button', { name: 'Add to agenda' })).toBeTruthy();
  });

  it('the owner of a pending item edits its title and time box by events, nothing else', () => {
    const m = live();
    render(<Live doc={m.doc} who={{ userId: ANA, manages: false, writes: true }} />);
    expect(controlNames().filter((n) => n.includes('Rota'))).toEqual([
      'Title of “Rota”',
      'Time box of “Rota” (minutes)',
    ]);
    const input = screen.getByRole('textbox', { name: 'Title of “Rota”' });
    fireEvent.change(input, { target: { value: 'Cleaning rota' } });
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(readLog(m.doc).at(-1)).toMatchObject({
      type: 'agenda.update',
      by: ANA,
      itemId: 'cnsitem1',
      patch: { title: 'Cleaning rota' },
    });
    expect(listAgenda(m.doc).map((i) => i.title)).toEqual(['Budget', 'Rota']);
    expect(screen.getByRole('textbox', { name: 'Title of “Cleaning rota”' })).toBeTruthy();
  });

  it('a facilitator gets the editor in a drawer: removes and moves pending items, never the current one', () => {
    const m = live();
    render(<Live doc={m.doc} who={{ userId: FAC, manages: true, writes: true }} />);
    const summary = within(agendaRegion()).getByText('Edit the agenda', { selector: 'summary' });
    expect(summary.closest('details')?.open).toBe(false);
    openDrawer('Edit the agenda');
    expect(controlNames().filter((n) => n.includes('Budget'))).toEqual([]);
    expect(screen.getByRole('button', { name: 'Move “Rota” up' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Move “Rota” up' }));
    expect(readLog(m.doc).at(-1)).toMatchObject({
      type: 'agenda.move',
      itemId: 'cnsitem1',
      beforeItemId: 'idmitem1',
    });
    expect(within(agendaRegion()).getAllByRole('listitem')[0]?.textContent).toContain('Rota');
    expect(screen.getByRole('status').textContent).toBe('“Rota” moved to position 1 of 2.');
    fireEvent.click(screen.getByRole('button', { name: 'Remove “Rota”' }));
    fireEvent.click(screen.getByRole('button', { name: 'Yes, remove' }));
    expect(readLog(m.doc).at(-1)).toMatchObject({ type: 'agenda.remove', itemId: 'cnsitem1' });
    expect(within(agendaRegion()).getAllByRole('listitem')).toHaveLength(1);
    // The planned map is untouched: the server refuses writes to it now.
    expect(listAgenda(m.doc)).toHaveLength(2);
  });

  it('anyone taking part adds an item as an event', () => {
    const m = live();
    render(<Live doc={m.doc} who={{ userId: ANA, manages: false, writes: true }} />);
    fireEvent.change(screen.getByRole('combobox', { name: 'Kind' }), {
      target: { value: 'tension' },
    });
    fireEvent.change(screen.getByRole('textbox', { name: 'Tension' }), {
      target: { value: 'The keys keep vanishing' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Add to agenda' }));
    expect(readLog(m.doc).at(-1)).toMatchObject({
      type: 'agenda.add',
      by: ANA,
      item: { kind: 'tension', text: 'The keys keep vanishing' },
    });
    expect(listAgenda(m.doc)).toHaveLength(2);
    expect(
      screen.getByRole('textbox', { name: 'Title of “The keys keep vanishing”' }),
    ).toBeTruthy();
  });

  it('an observer and a read-only member change nothing', () => {
    const m = live();
    const { unmount } = render(
      <Live doc={m.doc} who={{ userId: OBS, manages: false, writes: false }} />,
    );
    expect(controlNames()).toEqual([]);
    unmount();
    render(<Live doc={m.doc} who={{ userId: ANA, manages: false, writes: true }} readOnly />);
    expect(controlNames()).toEqual([]);
  });

  it('after the end nothing is editable and no drawer hides the items', () => {
    const m = live();
    m.run(c.recordOutcome, FAC, 'deferred');
    m.run(c.nextStep, FAC);
    m.run(c.skipItem, FAC, 'cnsitem1');
    expect(m.run(c.nextStep, FAC).phase).toBe('ended');
    render(<Live doc={m.doc} who={{ userId: FAC, manages: true, writes: true }} />);
    expect(screen.getByText('The meeting has ended: its agenda no longer changes.')).toBeTruthy();
    expect(controlNames()).toEqual([]);
    expect(within(agendaRegion()).queryByText('Edit the agenda')).toBeNull();
  });
});

describe('draftProblem', () => {
  const draft = {
    kind: 'information',
    title: 'News',
    proposalId: '',
    process: 'consent',
    text: '',
    timebox: '10',
  } as const;
  it('checks what each kind needs and the time box', () => {
    expect(draftProblem(draft)).toBeNull();
    expect(draftProblem({ ...draft, title: ' ' })).toBe('agenda.titleRequired');
    expect(draftProblem({ ...draft, kind: 'tension' })).toBe('agenda.tensionRequired');
    expect(draftProblem({ ...draft, kind: 'proposal' })).toBe('agenda.proposalRequired');
    expect(draftProblem({ ...draft, timebox: '0' })).toBe('agenda.timeboxRange');
    expect(draftProblem({ ...draft, timebox: '1.5' })).toBe('agenda.timeboxRange');
  });
});
