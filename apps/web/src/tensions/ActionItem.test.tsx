import { addAction, readAction, readSpace } from '@ronde/domain';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { IDS, spaceWithRecords } from '../governance/testRecords.ts';
import { useSession } from '../state/session.ts';
import { ActionItem } from './ActionItem.tsx';
import type { TensionContext } from './TensionCard.tsx';

afterEach(cleanup);
beforeEach(() => useSession.setState({ language: 'en' }));

const ANA = { id: 'anauser1', name: 'Ana' };
const BEN = { id: 'benuser1', name: 'Ben' };
const CAROL = { id: 'carolus1', name: 'Carol' };
const DORA = { id: 'dorauser', name: 'Dora' };

/**
 * The action "Call the bank", created by Carol for Ana, in the space with the
 * role "Host"; the directory lists Ana, Ben and Carol, and the records also
 * name Dora, a former member.
 */
function setup(me: { id: string; name: string }, lead = false, language: 'en' | 'fr' = 'en') {
  useSession.setState({ language });
  const { doc } = spaceWithRecords();
  addAction(doc, {
    id: 'act00001',
    kind: 'action',
    title: 'Call the bank',
    ownerId: ANA.id,
    ownerName: ANA.name,
    by: CAROL.id,
    dueDate: '2026-03-01',
    now: 5,
  });
  const ctx: TensionContext = {
    space: readSpace(doc)!,
    spaceDoc: doc,
    circles: [],
    proposals: [],
    meetings: [],
    actions: [],
    roleNames: {},
    people: [
      ...[me, ...[ANA, BEN, CAROL].filter((p) => p.id !== me.id)].map((p) => ({
        ...p,
        listed: true,
      })),
      { ...DORA, listed: false },
    ],
    me,
    lead,
    readOnly: false,
  };
  render(
    <MemoryRouter>
      <ul>
        <ActionItem ctx={ctx} action={readAction(doc, 'act00001')!} tensionText={null} />
      </ul>
    </MemoryRouter>,
  );
  return doc;
}

const stored = (doc: Y.Doc) => readAction(doc, 'act00001')!;

describe('editing an action', () => {
  it('its owner edits the title, owner, due date, kind and role in one form (ACTION-3)', () => {
    const doc = setup(ANA);
    fireEvent.click(screen.getByRole('button', { name: 'Edit “Call the bank”' }));
    const form = screen.getByRole('form', { name: 'Edit “Call the bank”' });
    fireEvent.change(within(form).getByRole('textbox', { name: 'What' }), {
      target: { value: '  Call the bank   again ' },
    });
    fireEvent.change(within(form).getByRole('combobox', { name: 'Owner' }), {
      target: { value: BEN.id },
    });
    fireEvent.change(within(form).getByLabelText('Due date (optional)'), {
      target: { value: '2026-04-15' },
    });
    fireEvent.click(within(form).getByRole('radio', { name: 'Project' }));
    const role = within(form).getByRole('combobox', { name: 'Role (optional)' });
    fireEvent.change(role, { target: { value: IDS.role } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save the changes' }));
    expect(stored(doc)).toMatchObject({
      title: 'Call the bank again',
      ownerId: BEN.id,
      ownerName: 'Ben',
      dueDate: '2026-04-15',
      kind: 'project',
      roleId: IDS.role,
    });
    expect(screen.queryByRole('form')).toBeNull();
    expect(screen.getByRole('status').textContent).toBe('Changes to “Call the bank” saved.');
  });

  it('names a new owner the directory does not list with no name (NAME-6)', () => {
    const doc = setup(ANA);
    fireEvent.click(screen.getByRole('button', { name: 'Edit “Call the bank”' }));
    const form = screen.getByRole('form', { name: 'Edit “Call the bank”' });
    fireEvent.change(within(form).getByRole('combobox', { name: 'Owner' }), {
      target: { value: DORA.id },
    });
    fireEvent.click(within(form).getByRole('button', { name: 'Save the changes' }));
    expect(stored(doc)).toMatchObject({ ownerId: DORA.id, ownerName: '' });
  });

  it('clears the due date and the role; an empty title is refused and nothing is written', () => {
    const doc = setup(ANA);
    fireEvent.click(screen.getByRole('button', { name: 'Edit “Call the bank”' }));
    const form = screen.getByRole('form', { name: 'Edit “Call the bank”' });
    const title = within(form).getByRole('textbox', { name: 'What' });
    fireEvent.change(title, { target: { value: '   ' } });
    fireEvent.change(within(form).getByLabelText('Due date (optional)'), {
      target: { value: '' },
    });
    fireEvent.click(within(form).getByRole('button', { name: 'Save the changes' }));
    expect(within(form).getByRole('alert').textContent).toBe('Say what is to be done.');
    expect(title.getAttribute('aria-invalid')).toBe('true');
    expect(stored(doc)).toMatchObject({ title: 'Call the bank', dueDate: '2026-03-01' });
    fireEvent.change(title, { target: { value: 'Call the bank' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save the changes' }));
    expect(stored(doc)).toMatchObject({ dueDate: null, roleId: null });
  });

  it('cancelling writes nothing', () => {
    const doc = setup(ANA);
    fireEvent.click(screen.getByRole('button', { name: 'Edit “Call the bank”' }));
    const form = screen.getByRole('form', { name: 'Edit “Call the bank”' });
    fireEvent.change(within(form).getByRole('textbox', { name: 'What' }), {
      target: { value: 'Something else' },
    });
    fireEvent.click(within(form).getByRole('button', { name: 'Cancel' }));
    expect(stored(doc).title).toBe('Call the bank');
    expect(screen.getByRole('status').textContent).toBe('');
  });

  it('only its creator, its owner or a lead may edit it (WRITE-18)', () => {
    setup(BEN);
    expect(screen.queryByRole('button', { name: 'Edit “Call the bank”' })).toBeNull();
    cleanup();
    setup(CAROL);
    expect(screen.getByRole('button', { name: 'Edit “Call the bank”' })).toBeTruthy();
    // The creator edits, but only the owner or a lead marks it done.
    expect(screen.queryByRole('button', { name: 'Mark “Call the bank” done' })).toBeNull();
    cleanup();
    setup(BEN, true);
    expect(screen.getByRole('button', { name: 'Edit “Call the bank”' })).toBeTruthy();
  });

  it('speaks French', () => {
    setup(ANA, false, 'fr');
    fireEvent.click(screen.getByRole('button', { name: 'Modifier «\u00a0Call the bank\u00a0»' }));
    const form = screen.getByRole('form', { name: 'Modifier «\u00a0Call the bank\u00a0»' });
    expect(within(form).getByRole('combobox', { name: 'Rôle (facultatif)' })).toBeTruthy();
    expect(within(form).getByRole('option', { name: 'Aucun rôle' })).toBeTruthy();
    fireEvent.click(within(form).getByRole('button', { name: 'Enregistrer les modifications' }));
    expect(screen.getByRole('status').textContent).toBe(
      'Modifications de «\u00a0Call the bank\u00a0» enregistrées.',
    );
  });
});
