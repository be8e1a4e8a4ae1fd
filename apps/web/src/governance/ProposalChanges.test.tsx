import {
  addChange,
  applyChanges,
  draftAmend,
  listChanges,
  readPolicy,
  type GovernanceChange,
} from '@ronde/domain';
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { useSession } from '../state/session.ts';
import { ProposalChanges } from './ProposalChanges.tsx';
import { IDS, spaceWithRecords } from './testRecords.ts';

afterEach(cleanup);
beforeEach(() => useSession.setState({ language: 'en' }));

const me = { id: 'benuser1', name: 'Ben' };

function setup(editable = true) {
  const { doc: spaceDoc, circleId } = spaceWithRecords();
  const proposalDoc = new Y.Doc();
  const amend = draftAmend(
    spaceDoc,
    { kind: 'policy', id: IDS.policy },
    'text',
    'Spend up to 500',
    {
      id: 'chgamend',
      by: me.id,
      at: 5,
    },
  )!;
  addChange(proposalDoc, amend);
  render(
    <ProposalChanges proposalDoc={proposalDoc} spaceDoc={spaceDoc} editable={editable} me={me} />,
  );
  return { spaceDoc, proposalDoc, circleId, amend };
}

const change = (title: string) => screen.getByRole('listitem', { name: title });

describe('ProposalChanges', () => {
  it('shows each change as a diff against the record as it is now', () => {
    setup();
    const item = change('Amend the policy “Budget”');
    expect(within(item).getByRole('term').textContent).toContain('Text');
    expect(within(item).getByRole('definition').textContent).toContain(
      'Before: Spend up to 100 → After: Spend up to 500',
    );
    expect(within(item).queryByText('Conflict:')).toBeNull();
  });

  it('shows a field another decision changed since as a conflict, and rewrites the change against it', () => {
    const { spaceDoc, proposalDoc } = setup();
    const other: GovernanceChange = {
      ...draftAmend(spaceDoc, { kind: 'policy', id: IDS.policy }, 'text', 'Spend nothing', {
        id: 'chgother',
        by: 'anauser1',
        at: 6,
      })!,
    };
    act(() => {
      applyChanges(spaceDoc, [other], { decisionId: 'decother', proposalId: null, at: 7 });
    });
    const item = change('Amend the policy “Budget”');
    expect(item.textContent).toContain(
      'Conflict: Text was changed by a decision since this change was written; it is now “Spend nothing”.',
    );
    fireEvent.click(
      within(item).getByRole('button', { name: 'Rewrite against the current value' }),
    );
    expect(listChanges(proposalDoc)[0]).toMatchObject({
      version: 'decother',
      before: 'Spend nothing',
    });
    expect(within(change('Amend the policy “Budget”')).queryByText('Conflict:')).toBeNull();
    expect(readPolicy(spaceDoc, IDS.policy)?.text).toBe('Spend nothing'); // only the server writes records
  });

  it('adds a role through the form, edits it live and removes it', () => {
    const { proposalDoc, circleId } = setup();
    const form = screen.getByRole('form', { name: 'Add a change' });
    fireEvent.change(within(form).getByRole('combobox', { name: 'What to change' }), {
      target: { value: 'role.add' },
    });
    fireEvent.change(within(form).getByRole('textbox', { name: 'Name' }), {
      target: { value: 'Treasurer' },
    });
    fireEvent.click(within(form).getByRole('checkbox', { name: /Elected role/ }));
    fireEvent.click(within(form).getByRole('button', { name: 'Add change' }));
    expect(listChanges(proposalDoc).map((c) => c.type)).toEqual(['record.amend', 'role.add']);
    expect(listChanges(proposalDoc)[1]).toMatchObject({
      name: 'Treasurer',
      circleId,
      elected: true,
    });

    const item = change('Add the role “Treasurer”');
    fireEvent.change(within(item).getByRole('textbox', { name: 'Purpose' }), {
      target: { value: 'Money in order' },
    });
    expect(listChanges(proposalDoc)[1]).toMatchObject({ purpose: 'Money in order' });
    // An empty name is refused: marked, not written.
    const name = within(item).getByRole('textbox', { name: 'Name' });
    fireEvent.focus(name);
    fireEvent.change(name, { target: { value: '' } });
    expect(name.getAttribute('aria-invalid')).toBe('true');
    expect(listChanges(proposalDoc)[1]).toMatchObject({ name: 'Treasurer' });

    fireEvent.click(
      within(item).getByRole('button', { name: 'Remove the change “Add the role “Treasurer””' }),
    );
    expect(listChanges(proposalDoc).map((c) => c.type)).toEqual(['record.amend']);
  });

  it('refuses an incomplete change with a message', () => {
    const { proposalDoc } = setup();
    const form = screen.getByRole('form', { name: 'Add a change' });
    fireEvent.change(within(form).getByRole('combobox', { name: 'What to change' }), {
      target: { value: 'policy.add' },
    });
    fireEvent.click(within(form).getByRole('button', { name: 'Add change' }));
    expect(screen.getByRole('alert').textContent).toContain(
      'This change is incomplete or not valid',
    );
    expect(listChanges(proposalDoc)).toHaveLength(1);
  });

  it('amends a field from its current value: picking the record fills it in', () => {
    const { proposalDoc } = setup();
    const form = screen.getByRole('form', { name: 'Add a change' });
    fireEvent.change(within(form).getByRole('combobox', { name: 'What to change' }), {
      target: { value: 'record.amend' },
    });
    fireEvent.change(within(form).getByRole('combobox', { name: 'Record' }), {
      target: { value: `role:${IDS.role}` },
    });
    fireEvent.change(within(form).getByRole('combobox', { name: 'Field' }), {
      target: { value: 'purpose' },
    });
    const value = within(form).getByRole('textbox', { name: 'Purpose: new value' });
    expect((value as HTMLTextAreaElement).value).toBe('Guests feel welcome');
    fireEvent.change(value, { target: { value: 'Everyone feels welcome' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Add change' }));
    expect(listChanges(proposalDoc)[1]).toMatchObject({
      type: 'record.amend',
      record: { kind: 'role', id: IDS.role },
      field: 'purpose',
      version: IDS.seed,
      before: 'Guests feel welcome',
      after: 'Everyone feels welcome',
    });
  });

  it('is read-only once the proposal is no longer editable', () => {
    setup(false);
    expect(screen.queryByRole('form', { name: 'Add a change' })).toBeNull();
    expect(screen.queryByRole('button', { name: /Remove/ })).toBeNull();
    expect(change('Amend the policy “Budget”')).toBeTruthy();
  });

  it('speaks French', () => {
    useSession.setState({ language: 'fr' });
    setup();
    expect(screen.getByRole('heading', { name: 'Changements des registres de gouvernance' }));
    expect(change('Modifier la politique «\u00a0Budget\u00a0»')).toBeTruthy();
  });
});
