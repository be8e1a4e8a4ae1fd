import { recordDecision, parseDecisionEntry, type DecisionEntry } from '@ronde/domain';
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DecisionLog } from '../pages/DecisionLogPage.tsx';
import { useSession } from '../state/session.ts';

afterEach(cleanup);
beforeEach(() => useSession.setState({ language: 'en' }));

function entry(id: string, fields: Record<string, unknown>): DecisionEntry {
  return parseDecisionEntry({
    id,
    title: 'Four-day week',
    outcome: 'adopted',
    decidedAt: Date.UTC(2026, 2, 10),
    ...fields,
  })!;
}

const adopted = entry('out00001', {
  meeting: { id: 'meet0001', title: 'Weekly governance', circleId: 'c1', circleName: 'General' },
  proposalId: 'prop0001',
  process: 'idm',
  driver: 'We are tired on Fridays.',
  body: [
    {
      type: 'paragraph',
      content: [
        { type: 'text', text: 'We work ' },
        { type: 'text', text: 'four days', marks: [{ type: 'bold' }] },
      ],
    },
  ],
  reviewDate: '2000-01-01',
  decidedBy: 'fac',
  startedAt: Date.UTC(2026, 2, 10) - 25 * 60_000,
  durationMs: 25 * 60_000,
  proposerId: 'ana',
  participants: ['ana', 'ben', 'chloe'],
  facilitators: ['fac'],
  positionRounds: 1,
  positions: [
    {
      round: 1,
      person: 'ana',
      value: 'no-objection',
      reason: '',
      onBehalfOf: null,
      recordedBy: 'ana',
      at: 1,
      counted: true,
    },
    {
      round: 1,
      person: 'chloe',
      value: 'objection',
      reason: 'Clients on Friday',
      onBehalfOf: 'chloe',
      recordedBy: 'fac',
      at: 2,
      counted: true,
    },
  ],
  objections: [
    {
      id: 'obj1',
      round: 1,
      objector: 'chloe',
      reason: 'Clients on Friday',
      quote: 'four days',
      test: {
        answers: { harm: true, createdByProposal: true, urgent: true, limitsRole: true },
        ruling: 'valid',
      },
      amendments: [{ id: 'am1', summary: 'A Friday hotline', by: 'ana', at: 3 }],
      confirmations: [
        { by: 'chloe', amendmentId: 'am1', at: 4 },
        { by: 'ana', amendmentId: 'am1', at: 5 },
      ],
      resolution: 'confirmed',
    },
    {
      id: 'obj2',
      round: 1,
      objector: 'ben',
      reason: 'Not my taste',
      quote: null,
      test: null,
      amendments: [],
      confirmations: [],
      resolution: 'ruled-invalid',
    },
  ],
  names: { ana: 'Ana', ben: 'Ben', chloe: 'Chloé', fac: 'Fatou' },
});

const rejected = entry('out00002', {
  title: 'Paint the door red',
  outcome: 'rejected',
  decidedAt: Date.UTC(2026, 1, 1),
  proposerId: 'ben',
  names: { ben: 'Ben' },
});

function renderLog(doc: Y.Doc) {
  render(
    <MemoryRouter>
      <DecisionLog spaceId="space001" spaceName="Coop du Val" spaceDoc={doc} />
    </MemoryRouter>,
  );
}

/** A consent decision: Ben objected in round 1, nothing was linked, he consented in round 2. */
const lifted = entry('out00003', {
  title: 'Friday rota',
  process: 'consent',
  proposerId: 'awa',
  positionRounds: 2,
  positions: [
    {
      round: 1,
      person: 'ben',
      value: 'objection',
      reason: 'Who answers?',
      onBehalfOf: null,
      recordedBy: 'ben',
      at: 1,
      counted: true,
    },
    {
      round: 2,
      person: 'ben',
      value: 'consent',
      reason: '',
      onBehalfOf: null,
      recordedBy: 'ben',
      at: 2,
      counted: true,
      interest: { text: 'I answer the phone', conflict: true },
    },
  ],
  objections: [
    {
      id: 'obj3',
      round: 1,
      objector: 'ben',
      reason: 'Who answers?',
      quote: null,
      test: null,
      amendments: [],
      confirmations: [],
      resolution: 'open',
    },
  ],
  names: { awa: 'Awa', ben: 'Ben' },
});

describe('what went wrong for that team, in the log', () => {
  it('bug 3: an objector who consented in the next round lifted the objection; never "Not resolved"', () => {
    const doc = new Y.Doc();
    recordDecision(doc, lifted);
    renderLog(doc);
    const a = within(screen.getByRole('article', { name: 'Friday rota' }));
    expect(a.queryByText('Not resolved')).toBeNull();
    expect(a.getByText('Lifted: Ben did not object in round 2')).toBeTruthy();
    expect(a.getByText('Awa')).toBeTruthy(); // proposed by
  });

  it('INTEREST-2 a declared interest shows beside its position, a conflict flagged', () => {
    const doc = new Y.Doc();
    recordDecision(doc, lifted);
    renderLog(doc);
    const a = within(screen.getByRole('article', { name: 'Friday rota' }));
    expect(a.getByText('Conflict of interest')).toBeTruthy();
    expect(a.getByText('(interest: I answer the phone)')).toBeTruthy();
  });
});

describe('the decision log page', () => {
  it('explains what will appear while the log is empty', () => {
    renderLog(new Y.Doc());
    expect(screen.getByRole('heading', { level: 1, name: 'Decision log' })).toBeTruthy();
    expect(screen.getByText(/When a meeting adopts, rejects, withdraws or defers/)).toBeTruthy();
  });

  it('renders an entry: outcome, review, driver, text, people, positions, objections, meeting', () => {
    const doc = new Y.Doc();
    recordDecision(doc, adopted);
    renderLog(doc);
    const article = screen.getByRole('article', { name: 'Four-day week' });
    const a = within(article);
    expect(a.getByText('Adopted')).toBeTruthy();
    expect(a.getByText('Review by January 1, 2000')).toBeTruthy();
    expect(a.getByText('Up for review')).toBeTruthy();
    expect(a.getByText('We are tired on Fridays.')).toBeTruthy();
    expect(a.getByRole('heading', { name: 'Text as adopted' })).toBeTruthy();
    expect(a.getByText('four days', { selector: 'strong' })).toBeTruthy();
    expect(a.getByText('Ana, Ben, and Chloé')).toBeTruthy();
    expect(a.getByText('Fatou')).toBeTruthy();
    expect(a.getByText(/recorded by Fatou on behalf of Chloé/)).toBeTruthy();
    expect(a.getByText('Integrated: A Friday hotline — confirmed by Chloé and Ana')).toBeTruthy();
    expect(a.getByText('Ruled not valid')).toBeTruthy();
    expect(a.getByText('25 min')).toBeTruthy();
    expect(a.getByRole('link', { name: 'Weekly governance' }).getAttribute('href')).toBe(
      '/s/space001/m/meet0001',
    );
    expect(
      screen.getByText(/Decisions of Coop du Val, by the people named, shared under/).textContent,
    ).toBe('Decisions of Coop du Val, by the people named, shared under CC BY-SA 4.0.');
    expect(screen.getByText('Contributors: Ana, Ben, Chloé, and Fatou.')).toBeTruthy();
  });

  it('filters by outcome and searches, ignoring accents', () => {
    const doc = new Y.Doc();
    recordDecision(doc, adopted);
    recordDecision(doc, rejected);
    renderLog(doc);
    const titles = () =>
      screen.getAllByRole('article').map((a) => within(a).getAllByRole('heading')[0]!.textContent);
    expect(titles()).toEqual(['Four-day week', 'Paint the door red']);
    fireEvent.change(screen.getByRole('combobox', { name: 'Outcome filter' }), {
      target: { value: 'rejected' },
    });
    expect(titles()).toEqual(['Paint the door red']);
    fireEvent.change(screen.getByRole('combobox', { name: 'Outcome filter' }), {
      target: { value: 'all' },
    });
    fireEvent.change(screen.getByRole('searchbox', { name: 'Search decisions' }), {
      target: { value: 'CHLOE hotline' },
    });
    expect(titles()).toEqual(['Four-day week']);
    fireEvent.change(screen.getByRole('searchbox', { name: 'Search decisions' }), {
      target: { value: 'nothing like this' },
    });
    expect(screen.getByText('No decision matches this search.')).toBeTruthy();
  });

  it('counts the decisions shown with the plural of the count: "1 décision affichée sur 2" in French', () => {
    useSession.setState({ language: 'fr' });
    const doc = new Y.Doc();
    recordDecision(doc, adopted);
    recordDecision(doc, rejected);
    renderLog(doc);
    expect(screen.getByRole('status').textContent).toBe('2 décisions affichées sur 2');
    fireEvent.change(screen.getByRole('combobox', { name: 'Filtre par issue' }), {
      target: { value: 'rejected' },
    });
    expect(screen.getByRole('status').textContent).toBe('1 décision affichée sur 2');
  });

  it('in French, a position and its reason take a no-break space before the colon', () => {
    useSession.setState({ language: 'fr' });
    const doc = new Y.Doc();
    recordDecision(doc, lifted);
    renderLog(doc);
    const a = within(screen.getByRole('article', { name: 'Friday rota' }));
    expect(
      a.getByText('Who answers?', { selector: '.decision__reason', exact: false }).textContent,
    ).toBe('\u00a0: Who answers?');
  });

  it('shows an entry recorded while the page is open', () => {
    const doc = new Y.Doc();
    renderLog(doc);
    act(() => {
      recordDecision(doc, rejected);
    });
    expect(screen.getByRole('article', { name: 'Paint the door red' })).toBeTruthy();
    expect(screen.queryByText('Review by', { exact: false })).toBeNull();
  });
});
