import { initSpace, logTension, readSpace, readTension } from '@ronde/domain';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { useSession } from '../state/session.ts';
import { TensionCard, type TensionContext } from './TensionCard.tsx';

afterEach(cleanup);
beforeEach(() => useSession.setState({ language: 'en' }));

const ANA = 'ana00001';

function renderCard() {
  const doc = new Y.Doc();
  initSpace(doc, { id: 'space001', name: 'Coop', circleName: 'General', now: 1 });
  logTension(doc, {
    id: 'ten00001',
    by: ANA,
    byName: 'Ana',
    what: 'Tools vanish',
    couldBe: '',
    now: 2,
  });
  const me = { id: ANA, name: 'Ana' };
  const ctx: TensionContext = {
    space: readSpace(doc)!,
    spaceDoc: doc,
    circles: [],
    proposals: [],
    meetings: [],
    actions: [],
    roleNames: {},
    people: [{ ...me, listed: true }],
    me,
    lead: false,
    readOnly: false,
  };
  render(
    <MemoryRouter>
      <ul>
        <TensionCard ctx={ctx} tension={readTension(doc, 'ten00001')!} />
      </ul>
    </MemoryRouter>,
  );
  return within(screen.getByRole('article'));
}

describe('TensionCard', () => {
  it.each(['Close', 'Make it an action', 'Turn into a proposal'])(
    'gives focus back to "%s" when its form is cancelled',
    (tool) => {
      const card = renderCard();
      fireEvent.click(card.getByRole('button', { name: tool }));
      fireEvent.click(card.getByRole('button', { name: 'Cancel' }));
      expect(card.queryByRole('button', { name: 'Cancel' })).toBeNull();
      expect(document.activeElement).toBe(card.getByRole('button', { name: tool }));
    },
  );
});
