import { applyChanges, draftAmend } from '@ronde/domain';
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { MemoryRouter, useNavigate, type NavigateFunction } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useSession } from '../state/session.ts';
import { GovernanceRecords } from './GovernanceRecords.tsx';
import { IDS, spaceWithRecords } from './testRecords.ts';

afterEach(cleanup);
beforeEach(() => useSession.setState({ language: 'en' }));

let navigate: NavigateFunction | null = null;
/** Hands the router's navigate to the test, to follow a link from elsewhere. */
function Navigator() {
  navigate = useNavigate();
  return null;
}

function setup(at = `/s/${IDS.space}/governance`) {
  const { doc } = spaceWithRecords();
  render(
    <MemoryRouter initialEntries={[at]}>
      <Navigator />
      <GovernanceRecords spaceId={IDS.space} spaceName="Coop" spaceDoc={doc} />
    </MemoryRouter>,
  );
  return doc;
}

// jsdom lays nothing out and has no scrollIntoView: record which element was scrolled to.
const scrolled: Element[] = [];
beforeEach(() => {
  scrolled.length = 0;
  Element.prototype.scrollIntoView = vi.fn(function (this: Element) {
    scrolled.push(this);
  });
});

const card = (name: string) => screen.getByRole('article', { name });

describe('GovernanceRecords', () => {
  it('shows the circle tree, its roles with who fills them, and its policies', () => {
    setup();
    expect(screen.getByRole('heading', { level: 1, name: 'Governance' })).toBeTruthy();
    const circle = screen.getByRole('region', { name: 'General' });
    const host = within(circle).getByRole('article', { name: 'Host' });
    expect(host.textContent).toContain('Guests feel welcome');
    const people = within(host).getByRole('list', { name: 'Who fills Host' });
    expect(people.textContent).toBe('Ana · focus: Evenings · term ends January 31, 2027');
    expect(within(circle).getByRole('article', { name: 'Budget' }).textContent).toContain(
      'Spend up to 100',
    );
  });

  it('links each record to the decision that created it', () => {
    setup();
    const link = within(card('Host')).getByRole('link', {
      name: 'Created by the decision “Budget rules” (March 2, 2026)',
    });
    expect(link.getAttribute('href')).toBe(`/s/${IDS.space}/decisions#decision-${IDS.seed}`);
  });

  it('shows a record’s history, field by field, as decisions change it', () => {
    const doc = setup();
    const amend = draftAmend(doc, { kind: 'policy', id: IDS.policy }, 'text', 'Spend up to 500', {
      id: 'chgamend',
      by: 'benuser1',
      at: 9,
    })!;
    act(() => {
      applyChanges(doc, [amend], {
        decisionId: 'decnext1',
        proposalId: null,
        at: Date.UTC(2026, 3, 1),
      });
    });
    const budget = card('Budget');
    expect(budget.textContent).toContain('Spend up to 500');
    const history = within(budget).getByText('History of Budget: 2 decisions');
    fireEvent.click(history);
    const entries = within(budget).getAllByRole('listitem', { name: /policy “Budget”/ });
    expect(entries.map((e) => e.getAttribute('aria-labelledby') !== null)).toEqual([true, true]);
    expect(entries[1]!.textContent).toContain('Before: Spend up to 100 → After: Spend up to 500');
    expect(within(budget).getByRole('link', { name: 'Decision of April 1, 2026' })).toBeTruthy();
  });

  it('searches roles, policies and people, without accents or case', () => {
    setup();
    const search = screen.getByRole('searchbox', { name: 'Search the records' });
    fireEvent.change(search, { target: { value: 'ANA' } });
    expect(screen.getByRole('article', { name: 'Host' })).toBeTruthy();
    expect(screen.queryByRole('article', { name: 'Budget' })).toBeNull();
    fireEvent.change(search, { target: { value: 'dépense' } });
    expect(screen.getByText('No circle, role or policy matches this search.')).toBeTruthy();
    fireEvent.change(search, { target: { value: 'spend' } });
    expect(screen.getByRole('article', { name: 'Budget' })).toBeTruthy();
    expect(screen.queryByRole('article', { name: 'Host' })).toBeNull();
  });

  it('speaks French', () => {
    useSession.setState({ language: 'fr' });
    setup();
    expect(screen.getByRole('heading', { level: 1, name: 'Gouvernance' })).toBeTruthy();
    expect(
      within(card('Host')).getByRole('link', {
        name: 'Création : décision «\u00a0Budget rules\u00a0» (2 mars 2026)',
      }),
    ).toBeTruthy();
  });

  it('gives each circle, role, policy and assignment a stable anchor from its id, and a link to it', () => {
    setup();
    expect(card('Host').id).toBe(`role-${IDS.role}`);
    expect(card('Budget').id).toBe(`policy-${IDS.policy}`);
    expect(screen.getByRole('region', { name: 'General' }).id).toMatch(/^circle-/);
    const ana = within(
      within(card('Host')).getByRole('list', { name: 'Who fills Host' }),
    ).getByRole('listitem');
    expect(ana.id).toBe(`assignment-${IDS.assignment}`);
    expect(
      within(card('Host'))
        .getByRole('link', { name: 'Link to this record: “Host”' })
        .getAttribute('href'),
    ).toBe(`/s/${IDS.space}/governance#role-${IDS.role}`);
  });

  it('scrolls to and focuses the record a link arrives at', () => {
    setup(`/s/${IDS.space}/governance#policy-${IDS.policy}`);
    expect(document.activeElement).toBe(card('Budget'));
    expect(scrolled).toEqual([card('Budget')]);
  });

  it('clears a search that hides the record a link arrives at, then focuses it', () => {
    setup();
    const search = screen.getByRole('searchbox', { name: 'Search the records' });
    fireEvent.change(search, { target: { value: 'spend' } });
    expect(screen.queryByRole('article', { name: 'Host' })).toBeNull();
    act(() => {
      void navigate!(`/s/${IDS.space}/governance#assignment-${IDS.assignment}`);
    });
    expect((search as HTMLInputElement).value).toBe('');
    const ana = within(
      within(card('Host')).getByRole('list', { name: 'Who fills Host' }),
    ).getByRole('listitem');
    expect(document.activeElement).toBe(ana);
    expect(scrolled).toEqual([ana]);
    // A search that shows the record is kept.
    fireEvent.change(search, { target: { value: 'budget' } });
    act(() => {
      void navigate!(`/s/${IDS.space}/governance#policy-${IDS.policy}`);
    });
    expect((search as HTMLInputElement).value).toBe('budget');
    expect(document.activeElement).toBe(card('Budget'));
  });

  it('names the record link in French', () => {
    useSession.setState({ language: 'fr' });
    setup();
    expect(
      within(card('Budget')).getByRole('link', {
        name: 'Lien vers cet enregistrement : «\u00a0Budget\u00a0»',
      }),
    ).toBeTruthy();
  });

  it.each(['en', 'fr'] as const)(
    'names the record link with its visible words first, so speech input finds it (WCAG 2.5.3, %s)',
    (language) => {
      useSession.setState({ language });
      setup();
      const link = within(card('Budget'))
        .getAllByRole('link')
        .find((a) => a.hasAttribute('aria-label'))!;
      const visible = link.textContent ?? '';
      expect(visible).not.toBe('');
      expect(link.getAttribute('aria-label')!.startsWith(visible)).toBe(true);
      expect(link.getAttribute('aria-label')).toContain('Budget');
    },
  );
});
