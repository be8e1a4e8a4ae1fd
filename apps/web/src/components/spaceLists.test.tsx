import { cleanup, render, screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useSession } from '../state/session.ts';
import { MeetingList } from './MeetingList.tsx';
import { ProposalList } from './ProposalList.tsx';

afterEach(cleanup);
beforeEach(() => useSession.setState({ language: 'en' }));

const none = { live: [], upcoming: [], ended: [] };

function lists(readOnly: boolean) {
  render(
    <MemoryRouter>
      <ProposalList spaceId="space001" proposals={[]} circles={[]} readOnly={readOnly} />
      <MeetingList spaceId="space001" meetings={none} circles={[]} readOnly={readOnly} />
    </MemoryRouter>,
  );
  return screen.getAllByText(/^No /).map((p) => p.textContent);
}

describe('the space page’s empty lists', () => {
  it('invite someone who can write to start a proposal or plan a meeting', () => {
    expect(lists(false)).toEqual([
      'No proposals yet. Start one from a tension you feel.',
      'No meetings yet. Plan one and build its agenda together.',
    ]);
  });

  it('ask nothing an observer cannot do', () => {
    expect(lists(true)).toEqual(['No proposals yet.', 'No meetings yet.']);
  });
});
