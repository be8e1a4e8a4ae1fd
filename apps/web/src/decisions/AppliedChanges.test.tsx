import { cleanup, render, screen, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { IDS, spaceWithRecords } from '../governance/testRecords.ts';
import { DecisionLog } from '../pages/DecisionLogPage.tsx';
import { useSession } from '../state/session.ts';

afterEach(cleanup);
beforeEach(() => useSession.setState({ language: 'en' }));

describe('the decision log’s applied changes', () => {
  it('lists each change a decision applied, readably, each linked to its record’s anchor', () => {
    const { doc } = spaceWithRecords();
    render(
      <MemoryRouter>
        <DecisionLog spaceId={IDS.space} spaceName="Coop" spaceDoc={doc} />
      </MemoryRouter>,
    );
    const seed = screen.getByRole('article', { name: 'Budget rules' });
    const applied = within(seed).getByRole('region', {
      name: 'Changes applied to the governance records',
    });
    expect(
      within(applied).getByRole('listitem', { name: 'Add the policy “Budget”' }).textContent,
    ).toContain('Spend up to 100');
    expect(within(applied).getByRole('listitem', { name: 'Add the role “Host”' })).toBeTruthy();
    expect(
      within(applied)
        .getByRole('link', { name: 'See Budget in the governance records' })
        .getAttribute('href'),
    ).toBe(`/s/${IDS.space}/governance#policy-${IDS.policy}`);
    expect(
      within(applied)
        .getByRole('link', { name: 'See Host in the governance records' })
        .getAttribute('href'),
    ).toBe(`/s/${IDS.space}/governance#role-${IDS.role}`);
  });
});
