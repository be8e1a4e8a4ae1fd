import * as c from '@ronde/domain';
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useSession } from '../state/session.ts';
import { ProcessView } from './ProcessView.tsx';
import { testMeeting } from './testMeeting.ts';

beforeEach(() => useSession.setState({ language: 'en', serverOffsetMs: 0 }));
afterEach(cleanup);

const FAC = 'fac00001';
const ANA = 'ana00001';

/** Through check-in to the IDM item's objection round. */
function toObjectionRound(m: ReturnType<typeof testMeeting>) {
  m.run(c.startMeeting, FAC);
  m.run(c.gotoItem, FAC, 'idmitem1');
  for (let i = 0; i < 4; i++) m.run(c.nextStep, FAC);
}

describe('the cockpit', () => {
  it("the step rail lists the item's steps, marks the current one and says what comes next", () => {
    const m = testMeeting();
    toObjectionRound(m);
    render(<ProcessView doc={m.doc} me={ANA} />);
    const rail = screen.getByRole('navigation', { name: 'Steps' });
    expect(within(rail).getAllByRole('listitem')).toHaveLength(8);
    const current = rail.querySelector('[aria-current="step"]');
    expect(current?.textContent).toBe('Objection round (now)');
    expect(within(rail).getByText('Next: Outcome')).toBeTruthy();
    // The stage says it too, in one line.
    expect(screen.getByText('Step 5 of 8')).toBeTruthy();
  });

  it("in French, a step's state agrees with «\u00a0étape\u00a0», whatever the gender of its name", () => {
    useSession.setState({ language: 'fr' });
    const m = testMeeting();
    toObjectionRound(m);
    render(<ProcessView doc={m.doc} me={ANA} />);
    const rail = screen.getByRole('navigation', { name: 'Étapes' });
    const items = within(rail)
      .getAllByRole('listitem')
      .map((li) => li.textContent);
    expect(items).toContain('Tour de réactions (étape faite)');
    expect(rail.querySelector('[aria-current="step"]')?.textContent).toBe(
      'Tour d’objections (étape en cours)',
    );
  });

  it('an objection changes where "Next step" leads: to the test', () => {
    const m = testMeeting();
    toObjectionRound(m);
    m.run(c.recordPosition, ANA, { value: 'objection', reason: 'Too costly' });
    render(<ProcessView doc={m.doc} me={ANA} />);
    const rail = screen.getByRole('navigation', { name: 'Steps' });
    expect(within(rail).getByText('Next: Test objections')).toBeTruthy();
  });

  it('gives the drawer to facilitators only', () => {
    const m = testMeeting();
    toObjectionRound(m);
    render(<ProcessView doc={m.doc} me={FAC} />);
    expect(screen.getByRole('button', { name: 'Agenda and roles' })).toBeTruthy();
    cleanup();
    render(<ProcessView doc={m.doc} me={ANA} />);
    expect(screen.queryByRole('button', { name: 'Agenda and roles' })).toBeNull();
  });
});
