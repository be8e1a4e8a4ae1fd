import {
  amendAsyncConsent,
  foldAsyncConsent,
  openAsyncConsent,
  recordAsyncPosition,
  SERVER_AUTHOR,
} from '@ronde/domain';
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useSession } from '../state/session.ts';
import { AsyncPolicyText } from './AsyncPolicyText.tsx';
import { PositionsList } from './PositionsList.tsx';

beforeEach(() => useSession.setState({ language: 'en', serverOffsetMs: 0 }));
afterEach(cleanup);

const T0 = 1_700_000_000_000;

function consent() {
  const log: unknown[] = [
    openAsyncConsent('pr1proposal', 'ana00001', T0, T0 + 3_600_000, 'a'.repeat(64)),
    {
      id: 'roll0001',
      type: 'async.roll',
      by: SERVER_AUTHOR,
      at: T0,
      voters: ['ana00001', 'bea00001', 'cyd00001'],
      facilitators: [],
      policy: { lazy: false, quorumPercent: 60 },
      names: { ana00001: 'Ana', bea00001: 'Bea', cyd00001: 'Cyd' },
    },
  ];
  let state = foldAsyncConsent(log);
  log.push(recordAsyncPosition(state, 'bea00001', T0, 'objection', 'No budget'));
  log.push(amendAsyncConsent(state, 'ana00001', T0 + 1, 'Budget added', 'b'.repeat(64)));
  state = foldAsyncConsent(log);
  log.push(recordAsyncPosition(state, 'ana00001', T0 + 2, 'consent', ''));
  return foldAsyncConsent(log);
}

describe('the positions of an asynchronous consent', () => {
  it('shows each voter’s position and reason, marks one given before the amendment, and the silent', () => {
    render(<PositionsList state={consent()} />);
    const items = within(screen.getByRole('region', { name: 'Positions' })).getAllByRole(
      'listitem',
    );
    expect(items.map((i) => i.textContent)).toEqual([
      'Ana Consent',
      'Bea ObjectionGiven on version 1: asked againNo budget',
      'Cyd No position yet',
    ]);
  });

  it('states the policy up front, in French too', () => {
    const { rerender } = render(<AsyncPolicyText policy={{ lazy: false, quorumPercent: 60 }} />);
    expect(screen.getByText(/at least 60 % of the members must position/)).toBeTruthy();
    useSession.setState({ language: 'fr' });
    rerender(<AsyncPolicyText policy={{ lazy: true, quorumPercent: 100 }} />);
    expect(screen.getByText(/Consentement tacite/)).toBeTruthy();
  });
});
