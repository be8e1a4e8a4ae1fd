import {
  SERVER_AUTHOR,
  foldAsyncConsent,
  openAsyncConsent,
  recordAsyncPosition,
  type AsyncPersonEvent,
} from '@ronde/domain';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useSession } from '../state/session.ts';
import { clearRefusals, recordRefusal } from '../sync/submitRefusals.ts';
import { ProposerControls } from './ProposerControls.tsx';
import { setMinDeadlineForTests } from './useMinDeadline.ts';

const sent: AsyncPersonEvent[] = [];
vi.mock('./submitAsync.ts', () => ({
  submitAsync: (_room: string, event: AsyncPersonEvent) => {
    sent.push(event);
    return Promise.resolve();
  },
}));

const ROOM = 'sp1space/consent/ac1consent';
const T0 = 1_700_000_000_000;
const HOUR = 3_600_000;
const TEXT = 'a'.repeat(64);

beforeEach(() => {
  useSession.setState({ language: 'en', serverOffsetMs: T0 - Date.now() });
  sent.length = 0;
  clearRefusals();
  setMinDeadlineForTests(60_000);
});
afterEach(cleanup);

/** Ana proposes; Bea and Ana vote; Fay facilitates. */
function consent(consented: boolean) {
  const log: unknown[] = [
    openAsyncConsent('pr1proposal', 'ana00001', T0, T0 + 24 * HOUR, TEXT),
    {
      id: 'roll0001',
      type: 'async.roll',
      by: SERVER_AUTHOR,
      at: T0,
      voters: ['ana00001', 'bea00001'],
      facilitators: ['fay00001'],
      policy: { lazy: false, quorumPercent: 100 },
      names: {},
    },
  ];
  if (consented) {
    const state = foldAsyncConsent(log);
    log.push(recordAsyncPosition(state, 'ana00001', T0, 'consent', ''));
    log.push(recordAsyncPosition(state, 'bea00001', T0, 'stand-aside', ''));
  }
  return foldAsyncConsent(log);
}

function controls(me: string, consented = false, textDigest: string | null = TEXT) {
  return render(
    <MemoryRouter>
      <ProposerControls
        room={ROOM}
        state={consent(consented)}
        me={me}
        proposalHref="/s/sp1space/p/pr1proposal"
        textDigest={textDigest}
      />
    </MemoryRouter>,
  );
}

describe('the proposer’s and facilitators’ controls of an asynchronous consent', () => {
  it('withdraws only after a confirmation', () => {
    controls('ana00001');
    fireEvent.click(screen.getByRole('button', { name: 'Withdraw the proposal' }));
    expect(sent).toEqual([]);
    fireEvent.click(screen.getByRole('button', { name: 'No, keep it' }));
    fireEvent.click(screen.getByRole('button', { name: 'Withdraw the proposal' }));
    fireEvent.click(screen.getByRole('button', { name: 'Yes, withdraw' }));
    expect(sent.map((e) => [e.type, e.by])).toEqual([['async.withdraw', 'ana00001']]);
  });

  it('extends from the deadline in force, for a facilitator too, and sends no bad duration', () => {
    controls('fay00001');
    // A facilitator steers (extends) but neither amends, closes nor withdraws.
    expect(screen.queryByRole('button', { name: 'Withdraw the proposal' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Record the amendment' })).toBeNull();
    fireEvent.change(screen.getByLabelText('Extend the deadline by'), { target: { value: '0' } });
    fireEvent.click(screen.getByRole('button', { name: 'Extend the deadline' }));
    expect(sent).toEqual([]);
    // More than 90 days past the deadline in force: refused before sending.
    fireEvent.change(screen.getByLabelText('Extend the deadline by'), { target: { value: '95' } });
    fireEvent.click(screen.getByRole('button', { name: 'Extend the deadline' }));
    expect(screen.getByRole('alert').textContent).toMatch(/at least 1 minute and at most 90 days/);
    expect(sent).toEqual([]);
    fireEvent.change(screen.getByLabelText('Extend the deadline by'), { target: { value: '2' } });
    fireEvent.click(screen.getByRole('button', { name: 'Extend the deadline' }));
    expect(sent).toMatchObject([
      { type: 'async.extend', by: 'fay00001', deadline: T0 + 24 * HOUR + 2 * 24 * HOUR },
    ]);
  });

  it('offers the early close only once everyone consented on the text shown, naming its digest', () => {
    const first = controls('ana00001');
    expect(screen.queryByRole('button', { name: 'Close now: everyone consented' })).toBeNull();
    first.unmount();
    const edited = controls('ana00001', true, 'b'.repeat(64));
    // The text on screen is not the recorded revision's (ASYNC-15): no early close.
    expect(screen.queryByRole('button', { name: 'Close now: everyone consented' })).toBeNull();
    edited.unmount();
    controls('ana00001', true);
    fireEvent.click(screen.getByRole('button', { name: 'Close now: everyone consented' }));
    expect(sent).toMatchObject([{ type: 'async.close', expects: { revision: 0, digest: TEXT } }]);
  });

  it('records an amendment only of a text that changed, with its digest', () => {
    const { unmount } = controls('ana00001');
    fireEvent.change(screen.getByLabelText('What the amendment changes'), {
      target: { value: 'Budget added' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Record the amendment' }));
    expect(screen.getByRole('alert').textContent).toMatch(/same as the recorded version/);
    expect(sent).toEqual([]);
    unmount();
    controls('ana00001', false, 'c'.repeat(64));
    fireEvent.change(screen.getByLabelText('What the amendment changes'), {
      target: { value: 'Budget added' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Record the amendment' }));
    expect(sent).toMatchObject([
      { type: 'async.amend', summary: 'Budget added', digest: 'c'.repeat(64) },
    ]);
  });

  it('words the server’s refusals (closed, not allowed and why), in French too', async () => {
    controls('ana00001');
    fireEvent.click(screen.getByRole('button', { name: 'Withdraw the proposal' }));
    fireEvent.click(screen.getByRole('button', { name: 'Yes, withdraw' }));
    const [event] = sent;
    const refuse = (code: 'closed' | 'not-allowed', detail: string) =>
      recordRefusal({ room: ROOM, eventId: event?.id ?? '', type: 'async.withdraw', code, detail });
    refuse('closed', 'the deadline has passed');
    expect((await screen.findByRole('alert')).textContent).toBe(
      'The server refused it: the deadline has passed',
    );
    refuse('not-allowed', 'text-changed: the text changed since its last recorded revision');
    expect((await screen.findByRole('alert')).textContent).toMatch(
      /the amendment must be recorded first/,
    );
    useSession.setState({ language: 'fr' });
    expect((await screen.findByRole('alert')).textContent).toMatch(
      /il faut d’abord enregistrer l’amendement/,
    );
    refuse('not-allowed', 'not-proposer');
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Le serveur l’a refusé : le processus ne le permet pas maintenant',
    );
  });
});
