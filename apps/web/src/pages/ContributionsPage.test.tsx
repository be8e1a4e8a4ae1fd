import {
  addProposalSummary,
  applyChanges,
  initSpace,
  logTension,
  readSpace,
  recordParticipation,
} from '@ronde/domain';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { useLayoutEffect } from 'react';
import { MemoryRouter } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { useSession } from '../state/session.ts';
import { Contributions } from './ContributionsPage.tsx';

vi.mock('../sync/sessionKeeper.ts', () => ({ freshToken: () => Promise.resolve('tok') }));

beforeEach(() => useSession.setState({ language: 'en' }));
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const DAY = 86_400_000;
const T0 = Date.parse('2025-01-01T00:00:00Z');

/**
 * A space where Ana raised a tension and wrote in a proposal (the server's
 * rows), Ana and Ben met, and Ben held the "Host" role for ten days until a
 * decision ended it (LEDGER-7).
 */
function space(): Y.Doc {
  const doc = new Y.Doc();
  initSpace(doc, { id: 'space001', name: 'Coop', circleName: 'General', now: T0 });
  const circleId = readSpace(doc)!.defaultCircleId;
  addProposalSummary(doc, {
    id: 'prop0001',
    title: 'Bike racks',
    status: 'draft',
    circleId,
    createdAt: T0,
    updatedAt: T0,
  });
  logTension(doc, { id: 'tens0001', by: 'ana00001', what: 'No racks', couldBe: '', now: T0 });
  recordParticipation(doc, {
    meetingId: 'meet0001',
    title: 'Weekly',
    circleId,
    startedAt: T0,
    endedAt: T0 + 3_600_000,
    people: [
      { id: 'ana00001', name: 'Ana', spokenMs: 120_000, turnsSpoken: 2, turnsPassed: 0 },
      { id: 'ben00001', name: 'Ben', spokenMs: 60_000, turnsSpoken: 1, turnsPassed: 1 },
    ],
  });
  const change = { by: 'server', at: 1 };
  const apply = (decisionId: string, at: number, changes: unknown[]) => {
    const result = applyChanges(doc, changes as never, { decisionId, proposalId: null, at });
    if (result.type !== 'applied') throw new Error(JSON.stringify(result));
  };
  apply('dec00001', T0, [
    {
      ...change,
      id: 'chg00001',
      type: 'role.add',
      roleId: 'role0001',
      circleId,
      name: 'Host',
      purpose: '',
      elected: true,
    },
    {
      ...change,
      id: 'chg00002',
      type: 'person.assign',
      assignmentId: 'asgn0001',
      roleId: 'role0001',
      personId: 'ben00001',
      focus: '',
      termEnd: null,
    },
  ]);
  apply('dec00002', T0 + 10 * DAY, [
    {
      ...change,
      id: 'chg00003',
      type: 'person.unassign',
      assignmentId: 'asgn0001',
      version: 'dec00001',
    },
  ]);
  return doc;
}

function answer(status = 200) {
  const body = {
    written: [{ proposalId: 'prop0001', member: 'ana00001', inserted: 42, deleted: 3 }],
    names: { ana00001: 'Ana', ben00001: 'Ben' },
  };
  const fetchMock = vi.fn(() => Promise.resolve(new Response(JSON.stringify(body), { status })));
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

function show(doc: Y.Doc, path = '/s/space001/contributions') {
  return render(
    <MemoryRouter initialEntries={[path]}>
      <Contributions spaceId="space001" spaceName="Coop" doc={doc} />
    </MemoryRouter>,
  );
}

describe('ContributionsPage', () => {
  it('LEDGER-7 lists every line with a link to its source, a role ended by a decision included, and filters by person', async () => {
    const fetchMock = answer();
    const doc = space();
    show(doc);
    await screen.findByRole('link', { name: 'Bike racks' });
    const [url, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toContain('/api/spaces/space001/contributions');
    expect(new Headers(init.headers).get('authorization')).toBe('Bearer tok');
    const items = () => screen.getAllByRole('listitem').map((li) => li.textContent);
    expect(items()).toEqual(
      expect.arrayContaining([
        'Ana wrote 42 characters in the proposal Bike racks',
        'Ana raised the tension No racks',
        'Ana took part in Weekly and spoke 2 minutes',
        'Ben took part in Weekly and spoke 1 minute',
        'Ben held the role Host for 10 days',
      ]),
    );
    expect(screen.getByRole('link', { name: 'Bike racks' }).getAttribute('href')).toBe(
      '/s/space001/p/prop0001/history',
    );
    expect(screen.getByRole('link', { name: 'Host' }).getAttribute('href')).toBe(
      '/s/space001/governance',
    );
    expect(screen.getAllByRole('link', { name: 'Weekly' })[0]?.getAttribute('href')).toBe(
      '/s/space001/m/meet0001',
    );
    expect(screen.getByRole('link', { name: 'No racks' }).getAttribute('href')).toBe(
      '/s/space001/tensions',
    );

    fireEvent.change(screen.getByRole('combobox', { name: 'Person' }), {
      target: { value: 'ben00001' },
    });
    await waitFor(() => expect(items()).not.toContain('Ana raised the tension No racks'));
    expect(items()).toEqual([
      'Ben took part in Weekly and spoke 1 minute',
      'Ben held the role Host for 10 days',
    ]);
    const totals = screen.getByRole('table');
    expect(
      within(totals)
        .getAllByRole('rowheader')
        .map((th) => th.textContent),
    ).toEqual(['Ben']);
  });

  it('reads in French, and says so when the text written could not be fetched', async () => {
    useSession.setState({ language: 'fr' });
    answer(500);
    show(space(), '/s/space001/contributions?person=ben00001');
    expect(await screen.findByRole('alert')).toBeTruthy();
    expect(screen.getByRole('combobox', { name: 'Personne' })).toBeTruthy();
    expect(screen.getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      'Ben a participé à Weekly et a parlé 1 minute',
      'Ben a tenu le rôle Host pendant 10 jours',
    ]);
  });

  // Until the text written comes back only the document's changes derive the
  // ledger again: one that landed before the page subscribed must count too.
  it('lists what the space document received between the render and the subscription', () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(() => new Promise<Response>(() => {})),
    );
    const doc = new Y.Doc();
    const copy = Y.encodeStateAsUpdate(space());
    // Runs after the commit, before the passive effects that subscribe.
    function Arrival() {
      useLayoutEffect(() => Y.applyUpdate(doc, copy), []);
      return null;
    }
    render(
      <MemoryRouter initialEntries={['/s/space001/contributions']}>
        <Contributions spaceId="space001" spaceName="Coop" doc={doc} />
        <Arrival />
      </MemoryRouter>,
    );
    expect(screen.getByText('No racks')).toBeTruthy();
  });
});
