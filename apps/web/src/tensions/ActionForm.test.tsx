import { addAction, initSpace, listActions, logTension, readSpace } from '@ronde/domain';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { membership, mockFetch, type Reply } from '../pages/pageTestKit.tsx';
import { useSession } from '../state/session.ts';
import { ActionForm } from './ActionForm.tsx';
import { ActionItem } from './ActionItem.tsx';
import { useBacklogContext } from './useBacklogContext.ts';

const SPACE = 'space001';
const PEOPLE = `GET /api/spaces/${SPACE}/people`;
const ANA = { userId: 'anauser1', name: 'Ana', role: 'admin' };
/** A member no record names yet. */
const DANA = { userId: 'danauser', name: 'Dana', role: 'member' };
/** A former member: a tension of hers names her, the directory does not. */
const EVE = { id: 'eveuser1', name: 'Eve' };

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});
beforeEach(() =>
  useSession.setState({
    language: 'en',
    memberships: {
      [SPACE]: membership(ANA.userId, 'admin', 'Ana'),
    },
  }),
);

function spaceDoc() {
  const doc = new Y.Doc();
  initSpace(doc, { id: SPACE, name: 'Coop', circleName: 'General', now: 1 });
  logTension(doc, { id: 'ten00001', by: EVE.id, byName: EVE.name, what: 'x', couldBe: '', now: 2 });
  return doc;
}

/** The backlog's people as a page reads them, the form to create an action, and the actions. */
function Backlog({ doc }: { doc: Y.Doc }) {
  const { ctx, actions } = useBacklogContext(readSpace(doc)!, doc);
  return (
    <MemoryRouter>
      <ActionForm spaceDoc={doc} me={ctx.me} people={ctx.people} />
      <ul>
        {actions.map((action) => (
          <ActionItem key={action.id} ctx={ctx} action={action} tensionText={null} />
        ))}
      </ul>
    </MemoryRouter>
  );
}

function create(title: string, owner: string) {
  fireEvent.change(screen.getByRole('textbox', { name: 'What' }), { target: { value: title } });
  fireEvent.change(screen.getByRole('combobox', { name: 'Owner' }), { target: { value: owner } });
  fireEvent.click(screen.getByRole('button', { name: 'Create' }));
}

const ownerNames = (doc: Y.Doc) =>
  Object.fromEntries(listActions(doc).map((a) => [a.title, a.ownerName]));

const directory = (reply: Reply | 'down') => mockFetch({ [PEOPLE]: reply });

describe('creating an action names its owner only as the directory does (NAME-6)', () => {
  it('a member known only from the directory is offered, and written by the directory’s name', async () => {
    directory({ status: 200, body: { people: [ANA, DANA] } });
    const doc = spaceDoc();
    render(<Backlog doc={doc} />);
    await screen.findByRole('option', { name: 'Dana' });
    create('Call the bank', DANA.userId);
    expect(ownerNames(doc)).toEqual({ 'Call the bank': 'Dana' });
    const item = within(await screen.findByRole('article', { name: 'Call the bank' }));
    expect(item.getByText('Owner: Dana')).toBeTruthy();
  });

  it('an owner the directory does not list (a former member) is written with no name, shown by the records', async () => {
    directory({ status: 200, body: { people: [ANA, DANA] } });
    const doc = spaceDoc();
    render(<Backlog doc={doc} />);
    await screen.findByRole('option', { name: 'Dana' });
    create('Water the plants', EVE.id);
    expect(ownerNames(doc)).toEqual({ 'Water the plants': '' });
    const item = within(await screen.findByRole('article', { name: 'Water the plants' }));
    expect(item.getByText('Owner: Eve')).toBeTruthy();
  });

  it('while the directory cannot be loaded, even oneself is written with no name', async () => {
    const fetchMock = directory('down');
    const doc = spaceDoc();
    render(<Backlog doc={doc} />);
    await waitFor(() => expect(fetchMock).toHaveBeenCalled());
    expect(screen.getByRole('option', { name: 'Ana (me)' })).toBeTruthy();
    create('Book the room', ANA.userId);
    expect(ownerNames(doc)).toEqual({ 'Book the room': '' });
  });

  it('shows an owner by the directory’s name over the name the action recorded', async () => {
    directory({ status: 200, body: { people: [ANA, { ...DANA, name: 'Dana Diallo' }] } });
    const doc = spaceDoc();
    addAction(doc, {
      id: 'act00001',
      kind: 'action',
      title: 'Call the bank',
      ownerId: DANA.userId,
      ownerName: 'Dana',
      by: ANA.userId,
      dueDate: null,
      now: 3,
    });
    render(<Backlog doc={doc} />);
    const item = within(screen.getByRole('article', { name: 'Call the bank' }));
    expect(item.getByText('Owner: Dana')).toBeTruthy();
    expect(await item.findByText('Owner: Dana Diallo')).toBeTruthy();
  });
});
