import { addChange, applyChanges, draftAmend } from '@ronde/domain';
import { act, cleanup, render, screen, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { useSession } from '../state/session.ts';
import { MeetingChangesView } from './MeetingChangesView.tsx';
import { IDS, spaceWithRecords } from './testRecords.ts';

afterEach(cleanup);
beforeEach(() => useSession.setState({ language: 'en' }));

function setup(mayAmend = true) {
  const { doc: spaceDoc } = spaceWithRecords();
  const proposalDoc = new Y.Doc();
  const meta = { by: 'benuser1', at: 5 };
  addChange(
    proposalDoc,
    draftAmend(spaceDoc, { kind: 'policy', id: IDS.policy }, 'text', 'Spend up to 500', {
      id: 'chgamend',
      ...meta,
    })!,
  );
  const view = render(
    <MemoryRouter>
      <MeetingChangesView
        spaceDoc={spaceDoc}
        proposalDoc={proposalDoc}
        proposalUrl="/s/space001/p/prop0002"
        mayAmend={mayAmend}
      />
    </MemoryRouter>,
  );
  return { spaceDoc, proposalDoc, view };
}

/** Another decision changes the policy's text after the proposal was written. */
function changeBehind(spaceDoc: Y.Doc) {
  const other = draftAmend(spaceDoc, { kind: 'policy', id: IDS.policy }, 'text', 'Spend nothing', {
    id: 'chgother',
    by: 'anauser1',
    at: 6,
  })!;
  act(() => {
    applyChanges(spaceDoc, [other], { decisionId: 'decother', proposalId: null, at: 7 });
  });
}

describe('MeetingChangesView', () => {
  it('lists the changes, without a conflict while the records are as written against', () => {
    setup();
    expect(screen.queryByRole('note')).toBeNull();
    expect(screen.getByText('1 change to the governance records')).toBeTruthy();
  });

  it('shows a conflict before the consent round, with what to amend and where', () => {
    const { spaceDoc } = setup();
    changeBehind(spaceDoc);
    const note = screen.getByRole('note', {
      name: '1 change conflicts with the governance records',
    });
    expect(note.textContent).toContain(
      'Its proposer or the facilitation amends it at “Amend and clarify”, before the consent round',
    );
    expect(
      within(note).getByRole('listitem', { name: 'Amend the policy “Budget”' }).textContent,
    ).toContain('it is now “Spend nothing”');
    expect(
      within(note)
        .getByRole('link', { name: 'Amend the changes on the proposal page' })
        .getAttribute('href'),
    ).toBe('/s/space001/p/prop0002');
  });

  it('WRITE-8 someone who may not amend it now is sent to see the changes, not to amend them', () => {
    const { spaceDoc } = setup(false);
    changeBehind(spaceDoc);
    const note = screen.getByRole('note', {
      name: '1 change conflicts with the governance records',
    });
    expect(within(note).queryByRole('link', { name: /^Amend/ })).toBeNull();
    expect(
      within(note)
        .getByRole('link', { name: 'See the changes on the proposal page' })
        .getAttribute('href'),
    ).toBe('/s/space001/p/prop0002');
  });

  it('counts in French with French plurals', () => {
    useSession.setState({ language: 'fr' });
    const { spaceDoc } = setup();
    changeBehind(spaceDoc);
    expect(
      screen.getByRole('note', {
        name: '1 changement entre en conflit avec les registres de gouvernance',
      }),
    ).toBeTruthy();
  });

  it('shows nothing for a proposal that changes no record', () => {
    const { doc: spaceDoc } = spaceWithRecords();
    const { container } = render(
      <MemoryRouter>
        <MeetingChangesView
          spaceDoc={spaceDoc}
          proposalDoc={new Y.Doc()}
          proposalUrl="/"
          mayAmend
        />
      </MemoryRouter>,
    );
    expect(container.textContent).toBe('');
  });
});
