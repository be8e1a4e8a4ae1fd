import { applyChanges, initSpace, readSpace, timeLog } from '@ronde/domain';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { useSession } from '../state/session.ts';
import { TimeBank } from './TimeBankPage.tsx';

vi.mock('../sync/sessionKeeper.ts', () => ({ freshToken: () => Promise.resolve('tok') }));
vi.mock('../timeBank/submitTimeEvent.ts', () => ({ submitTimeEvent: () => Promise.resolve() }));

afterEach(cleanup);

const ANA = 'ana00001';
const BEN = 'ben00001';
const CHLOE = 'chl00001';
const DAY = 86_400_000;

/**
 * A space whose Kitchen circle (under the anchor) has a Cook role that Ben
 * fills; Ana declared work in the Kitchen and on the commons, Ben on the
 * commons and in the Kitchen (where nobody else fills a role). Chloe fills no role.
 */
function space(): Y.Doc {
  const doc = new Y.Doc();
  const t0 = Date.now() - 2 * DAY;
  initSpace(doc, { id: 'space001', name: 'Coop', circleName: 'General', now: t0 });
  const anchor = readSpace(doc)!.defaultCircleId;
  const base = { by: ANA, at: t0 };
  const result = applyChanges(
    doc,
    [
      {
        ...base,
        id: 'chg00001',
        type: 'circle.add',
        circleId: 'kitchen1',
        parentId: anchor,
        name: 'Kitchen',
        purpose: '',
      },
      {
        ...base,
        id: 'chg00002',
        type: 'role.add',
        roleId: 'roleCook',
        circleId: 'kitchen1',
        name: 'Cook',
        purpose: '',
        elected: false,
      },
      {
        ...base,
        id: 'chg00003',
        type: 'person.assign',
        assignmentId: 'asgBen01',
        roleId: 'roleCook',
        personId: BEN,
        focus: '',
        termEnd: null,
      },
    ],
    { decisionId: 'dec00001', proposalId: null, at: t0 },
  );
  if (result.type !== 'applied') throw new Error('not applied');
  const work = (id: string, by: string, name: string, circleId: string, subject: string) => ({
    id,
    type: 'time.declare',
    by,
    name,
    at: t0 + DAY,
    minutes: 90,
    workedOn: new Date(t0).toISOString().slice(0, 10),
    kind: circleId === anchor ? 'commons' : 'role',
    subject,
    circleId,
    note: '',
  });
  timeLog(doc).push([
    work('ent00001', ANA, 'Ana', 'kitchen1', 'Soup'),
    work('ent00002', ANA, 'Ana', anchor, 'Charter'),
    work('ent00003', BEN, 'Ben', anchor, 'Minutes'),
    work('ent00004', BEN, 'Ben', 'kitchen1', 'Stock'),
  ]);
  return doc;
}

function as(userId: string, language: 'en' | 'fr' = 'en') {
  useSession.setState({
    language,
    memberships: {
      space001: {
        userId,
        key: 'k1',
        role: 'member',
        name: userId,
        token: 'tok',
        expiresAt: Date.now() + DAY,
        receivedAt: Date.now(),
      },
    },
  });
  render(
    <MemoryRouter>
      <TimeBank spaceId="space001" spaceName="Coop" spaceDoc={space()} />
    </MemoryRouter>,
  );
}

const entry = (title: string) => screen.getByRole('article', { name: title });

describe('time bank page (TIME-12)', () => {
  it('TIME-12 offers confirm only to members of the work’s circle', () => {
    as(CHLOE);
    expect(
      screen.getByRole('button', { name: 'Confirm 1 h 30 min of Ana for Charter' }),
    ).toBeTruthy();
    const soup = entry('Ana: 1 h 30 min — Soup');
    expect(within(soup).queryByRole('button', { name: /Confirm|Dispute/ })).toBeNull();
    expect(soup.textContent).toContain(
      'Only the members of Kitchen (people who fill a role in it) confirm or dispute these hours.',
    );
    cleanup();
    as(BEN);
    expect(screen.getByRole('button', { name: 'Confirm 1 h 30 min of Ana for Soup' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Dispute 1 h 30 min of Ana for Soup' })).toBeTruthy();
  });

  it('TIME-12 tells a declarer who can confirm, in English and French', () => {
    as(ANA);
    expect(entry('Ana: 1 h 30 min — Soup').textContent).toContain(
      'Ben can confirm it (a role in Kitchen).',
    );
    expect(entry('Ana: 1 h 30 min — Charter').textContent).toContain(
      'Any other member of the space can confirm it.',
    );
    cleanup();
    as(ANA, 'fr');
    expect(entry('Ana : 1 h 30 min — Soup').textContent).toContain(
      'Ben peut la confirmer (un rôle dans Kitchen).',
    );
  });

  it('TIME-12 a declarer whose circle has nobody else is told nobody can confirm yet', () => {
    as(BEN);
    expect(entry('Ben: 1 h 30 min — Stock').textContent).toContain(
      'Nobody else fills a role in Kitchen yet, so nobody can confirm it until someone does.',
    );
    expect(screen.getByRole('button', { name: 'Confirm 1 h 30 min of Ana for Soup' })).toBeTruthy();
  });
});

describe('declaring hours', () => {
  it('gives focus back to "Declare hours" once the form is sent or cancelled', async () => {
    as(ANA);
    const open = screen.getByRole('button', { name: 'Declare hours' });
    fireEvent.click(open);
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Declare hours' }));

    fireEvent.click(screen.getByRole('button', { name: 'Declare hours' }));
    fireEvent.change(screen.getByRole('combobox', { name: 'What you worked on' }), {
      target: { value: 'Inventory' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Declare' }));
    await waitFor(() =>
      expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Declare hours' })),
    );
    expect(screen.getByRole('status').textContent).toMatch(/declared/);
  });
});
