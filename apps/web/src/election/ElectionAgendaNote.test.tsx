import { applyChanges, initSpace } from '@ronde/domain';
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { useSession } from '../state/session.ts';
import { ElectionAgendaNote, rowElection } from './ElectionAgendaNote.tsx';

const space = vi.hoisted(() => ({ doc: null as unknown as Y.Doc }));
vi.mock('../sync/useRoom.ts', () => ({ useRoom: () => ({ doc: space.doc }) }));

let target = { circleId: '', roleId: 'role0001', termEnd: '2031-06-30' };

beforeEach(() => {
  useSession.setState({ language: 'en' });
  space.doc = new Y.Doc();
  const { defaultCircleId } = initSpace(space.doc, {
    id: 'space001',
    name: 'Coop',
    circleName: 'General',
    now: 1,
  });
  target = { ...target, circleId: defaultCircleId };
  applyChanges(
    space.doc,
    [
      {
        id: 'chg00001',
        by: 'fac00001',
        at: 1,
        type: 'role.add',
        roleId: 'role0001',
        circleId: defaultCircleId,
        name: 'Secretary',
        purpose: '',
        elected: true,
      },
    ],
    { decisionId: 'dec00001', proposalId: null, at: 1 },
  );
});
afterEach(cleanup);

describe('an election on the agenda (domain ELECT-1)', () => {
  it('ELECT-1 a row says which role it elects and until when, planned or live', () => {
    expect(rowElection({ election: target })).toEqual(target);
    expect(rowElection({ election: { target, seals: [] } })).toEqual(target);
    expect(rowElection({ election: undefined })).toBeNull();
    expect(rowElection({ election: { ...target, termEnd: 'soon' } })).toBeNull();
    const { rerender } = render(
      <ElectionAgendaNote spaceId="space001" item={{ election: target }} />,
    );
    expect(screen.getByText('Elects: Secretary · term until June 30, 2031')).toBeTruthy();
    useSession.setState({ language: 'fr' });
    rerender(<ElectionAgendaNote spaceId="space001" item={{ election: { target } }} />);
    expect(screen.getByText('Élit : Secretary · mandat jusqu’au 30 juin 2031')).toBeTruthy();
  });
});
