import { addAgendaItem, joinMeeting, listAgenda, type ProposalSummary } from '@ronde/domain';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Agenda } from './Agenda.tsx';
import { draftProblem } from './AddAgendaItemForm.tsx';

afterEach(cleanup);

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
  const people = [{ id: 'user0001', name: 'Awa', role: 'facilitator', joinedAt: 1 } as const];
  render(
    <MemoryRouter>
      <Agenda
        doc={doc}
        spaceId="space001"
        people={people}
        proposals={proposals}
        userId="user0001"
        canEdit={canEdit}
      />
    </MemoryRouter>,
  );
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
