import { describe, expect, it } from 'vitest';
import {
  amendAsyncConsent,
  closeAsyncConsentEarly,
  extendAsyncConsent,
  openAsyncConsent,
  recordAsyncPosition,
  withdrawAsyncConsent,
} from './commands.ts';
import { SERVER_AUTHOR, parseAsyncPersonEvent, type AsyncPolicy } from './events.ts';
import { awaitingPosition, everyoneConsented, foldAsyncConsent, resultNow } from './fold.ts';

/** Digests of two texts (ASYNC-15). */
const TEXT0 = 'a'.repeat(64);
const TEXT1 = 'b'.repeat(64);

const T0 = 1_700_000_000_000;
const HOUR = 3_600_000;
const PROPOSAL = 'pr1proposal';

function roll(policy: AsyncPolicy, voters = ['ana1', 'bo1', 'cy1']) {
  return {
    id: 'roll1',
    type: 'async.roll',
    by: SERVER_AUTHOR,
    at: T0,
    voters,
    facilitators: ['fa1'],
    policy,
    names: { ana1: 'Ana' },
  };
}

const deadlineEntry = (at: number) => ({
  id: `dl${at}`,
  type: 'async.deadline',
  by: SERVER_AUTHOR,
  at,
});

function opened(policy: AsyncPolicy = { lazy: false, quorumPercent: 100 }, voters?: string[]) {
  return [openAsyncConsent(PROPOSAL, 'ana1', T0, T0 + 24 * HOUR, TEXT0), roll(policy, voters)];
}

describe('asynchronous consent fold', () => {
  it('ASYNC-1 parses only known person events, and never one signed as the server', () => {
    const event = { ...openAsyncConsent(PROPOSAL, 'ana1', T0, T0 + HOUR, TEXT0), extra: 'x' };
    expect(parseAsyncPersonEvent(event)).not.toHaveProperty('extra');
    expect(parseAsyncPersonEvent({ ...event, by: SERVER_AUTHOR })).toBeNull();
    expect(parseAsyncPersonEvent(roll({ lazy: true, quorumPercent: 100 }))).toBeNull();
    expect(parseAsyncPersonEvent({ ...event, type: 'async.nope' })).toBeNull();
    const position = {
      id: 'p1',
      type: 'async.position',
      by: 'bo1',
      at: T0,
      expects: { revision: 0, digest: TEXT0 },
    };
    expect(parseAsyncPersonEvent({ ...position, value: 'veto', reason: '' })).toBeNull();
    expect(parseAsyncPersonEvent({ ...position, value: 'consent', reason: '' })).not.toBeNull();
  });

  it('ASYNC-2 opens only with the roll right after the opening; strays are ignored', () => {
    const open = openAsyncConsent(PROPOSAL, 'ana1', T0, T0 + HOUR, TEXT0);
    expect(foldAsyncConsent([open]).phase).toBe('empty');
    const state = foldAsyncConsent([...opened(), open, roll({ lazy: true, quorumPercent: 1 })]);
    expect(state.phase).toBe('open');
    expect(state.policy).toEqual({ lazy: false, quorumPercent: 100 });
    expect(state.results.map((r) => r.why)).toEqual([null, null, 'already-open', 'duplicate']);
    const early = recordAsyncPosition(state, 'bo1', T0, 'consent', '');
    expect(foldAsyncConsent([early, ...opened()]).results[0]?.why).toBe('not-open');
    expect(foldAsyncConsent([...opened(), 42, null]).results.map((r) => r.why)).toEqual([
      null,
      null,
      'malformed',
      'malformed',
    ]);
  });

  it('ASYNC-3 a deadline from 1 minute to 90 days; extensions only move it later', () => {
    const tooSoon = [
      openAsyncConsent(PROPOSAL, 'ana1', T0, T0 + 1000, TEXT0),
      roll({ lazy: true, quorumPercent: 1 }),
    ];
    expect(foldAsyncConsent(tooSoon).phase).toBe('empty');
    const tooFar = [
      openAsyncConsent(PROPOSAL, 'ana1', T0, T0 + 91 * 24 * HOUR, TEXT0),
      roll({ lazy: true, quorumPercent: 1 }),
    ];
    expect(foldAsyncConsent(tooFar).phase).toBe('empty');
    const log = [
      ...opened(),
      extendAsyncConsent('bo1', T0, T0 + 48 * HOUR), // not the proposer nor a facilitator
      extendAsyncConsent('fa1', T0, T0 + 12 * HOUR), // earlier
      extendAsyncConsent('fa1', T0, T0 + 48 * HOUR),
    ];
    const state = foldAsyncConsent(log);
    expect(state.deadline).toBe(T0 + 48 * HOUR);
    expect(state.results.slice(2).map((r) => r.why)).toEqual(['not-allowed', 'bad-deadline', null]);
  });

  it('ASYNC-4 voters only, for the current revision, with a reason for an objection or concern', () => {
    let state = foldAsyncConsent(opened());
    const log = [
      ...opened(),
      recordAsyncPosition(state, 'zed1', T0, 'consent', ''),
      recordAsyncPosition(state, 'bo1', T0, 'objection', '  '),
      recordAsyncPosition(state, 'bo1', T0, 'concern', 'cost'),
      recordAsyncPosition(state, 'bo1', T0 + 1, 'consent', ''),
    ];
    state = foldAsyncConsent(log);
    expect(state.results.slice(2).map((r) => r.why)).toEqual([
      'not-a-voter',
      'reason-required',
      null,
      null,
    ]);
    expect(state.latest.get('bo1')?.value).toBe('consent');
    expect(state.history.map((p) => p.value)).toEqual(['concern', 'consent']);
  });

  it('ASYNC-5 ASYNC-6 an amendment makes a new revision; earlier positions are stale and asked again', () => {
    const log: unknown[] = [...opened()];
    let state = foldAsyncConsent(log);
    log.push(recordAsyncPosition(state, 'bo1', T0, 'consent', ''));
    const late = recordAsyncPosition(state, 'cy1', T0 + 2, 'consent', '');
    log.push(amendAsyncConsent(state, 'bo1', T0, 'not mine', TEXT1));
    log.push(amendAsyncConsent(state, 'ana1', T0 + 1, '', TEXT1));
    log.push(amendAsyncConsent(state, 'ana1', T0 + 1, 'Budget added', TEXT1));
    log.push(late); // answered revision 0, arrives after the amendment
    state = foldAsyncConsent(log);
    expect(state.revision).toBe(1);
    expect(state.results.slice(3).map((r) => r.why)).toEqual([
      'not-proposer',
      'summary-required',
      null,
      'stale-revision',
    ]);
    expect(awaitingPosition(state)).toEqual(['ana1', 'bo1', 'cy1']);
    log.push(recordAsyncPosition(state, 'bo1', T0 + 3, 'consent', ''));
    expect(awaitingPosition(foldAsyncConsent(log))).toEqual(['ana1', 'cy1']);
  });

  it('ASYNC-7 an objection stands after an amendment until its author lifts it', () => {
    const lazy = { lazy: true, quorumPercent: 100 };
    const log: unknown[] = [...opened(lazy)];
    let state = foldAsyncConsent(log);
    log.push(recordAsyncPosition(state, 'cy1', T0, 'objection', 'No budget'));
    log.push(amendAsyncConsent(state, 'ana1', T0 + 1, 'Budget added', TEXT1));
    state = foldAsyncConsent(log);
    expect(resultNow(state)).toBe('objections');
    log.push(recordAsyncPosition(state, 'cy1', T0 + 2, 'consent', ''));
    expect(resultNow(foldAsyncConsent(log))).toBe('adopted');
  });

  it('ASYNC-8 the proposer withdraws; nothing applies after the closing', () => {
    const log: unknown[] = [
      ...opened(),
      withdrawAsyncConsent('bo1', T0),
      withdrawAsyncConsent('ana1', T0),
    ];
    const state = foldAsyncConsent(log);
    expect(state.closing?.result).toBe('withdrawn');
    log.push(recordAsyncPosition(state, 'bo1', T0, 'consent', ''));
    expect(foldAsyncConsent(log).results.map((r) => r.why)).toEqual([
      null,
      null,
      'not-proposer',
      null,
      'closed',
    ]);
  });

  it('ASYNC-9 an early close only once every voter consents or stands aside, on the current text', () => {
    const log: unknown[] = [...opened(undefined, ['ana1', 'bo1'])];
    let state = foldAsyncConsent(log);
    log.push(recordAsyncPosition(state, 'ana1', T0, 'consent', ''));
    log.push(closeAsyncConsentEarly(state, 'ana1', T0 + 1));
    log.push(recordAsyncPosition(state, 'bo1', T0 + 2, 'stand-aside', ''));
    log.push(closeAsyncConsentEarly(state, 'bo1', T0 + 3));
    state = foldAsyncConsent(log);
    expect(everyoneConsented(state)).toBe(true);
    log.push(closeAsyncConsentEarly(state, 'ana1', T0 + 4));
    state = foldAsyncConsent(log);
    expect(state.results.slice(3).map((r) => r.why)).toEqual([
      'not-everyone-consented',
      null,
      'not-proposer',
      null,
    ]);
    expect(state.closing).toMatchObject({ reason: 'early', result: 'adopted', at: T0 + 4 });
  });

  it('ASYNC-10 the deadline entry closes only at or after the deadline in force', () => {
    const log: unknown[] = [
      ...opened({ lazy: true, quorumPercent: 100 }),
      deadlineEntry(T0 + HOUR),
      extendAsyncConsent('ana1', T0, T0 + 48 * HOUR),
      deadlineEntry(T0 + 24 * HOUR),
    ];
    expect(foldAsyncConsent(log).phase).toBe('open');
    log.push(deadlineEntry(T0 + 48 * HOUR));
    const state = foldAsyncConsent(log);
    expect(state.results.map((r) => r.why)).toEqual([
      null,
      null,
      'before-deadline',
      null,
      'before-deadline',
      null,
    ]);
    expect(state.closing).toMatchObject({ reason: 'deadline', result: 'adopted' });
  });

  it('ASYNC-11 silence follows the policy snapshot: lazy consent, or a quorum of current positions', () => {
    const positions = (policy: AsyncPolicy) => {
      const log: unknown[] = [...opened(policy)];
      const state = foldAsyncConsent(log);
      log.push(recordAsyncPosition(state, 'bo1', T0, 'consent', ''));
      log.push(recordAsyncPosition(state, 'cy1', T0, 'stand-aside', ''));
      log.push(amendAsyncConsent(state, 'ana1', T0 + 1, 'Wording', TEXT1));
      const amended = foldAsyncConsent(log);
      log.push(recordAsyncPosition(amended, 'bo1', T0 + 2, 'consent', ''));
      log.push(deadlineEntry(T0 + 24 * HOUR));
      return foldAsyncConsent(log).closing?.result;
    };
    expect(positions({ lazy: true, quorumPercent: 100 })).toBe('adopted');
    // One current position out of three: 33 %.
    expect(positions({ lazy: false, quorumPercent: 34 })).toBe('no-quorum');
    expect(positions({ lazy: false, quorumPercent: 33 })).toBe('adopted');
    expect(positions({ lazy: false, quorumPercent: 100 })).toBe('no-quorum');
  });
  it('ASYNC-18 told how to check signatures, the fold ignores an unsigned person event, never a server entry', () => {
    const log = opened();
    const state = foldAsyncConsent(log);
    const signed = { ...recordAsyncPosition(state, 'bo1', T0, 'consent', ''), sig: 'ok' };
    const unsigned = recordAsyncPosition(state, 'cy1', T0, 'objection', 'No');
    const all = [...log, signed, unsigned, deadlineEntry(T0 + 24 * HOUR)];
    const isAuthentic = (raw: unknown) => (raw as { sig?: string }).sig === 'ok' || raw === log[0];
    const checked = foldAsyncConsent(all, { isAuthentic });
    expect(checked.results.map((r) => r.why)).toEqual([null, null, null, 'unsigned', null]);
    expect(checked.closing?.result).toBe('no-quorum');
    // The server folds its own log, which it verified before appending: no context.
    expect(foldAsyncConsent(all).closing?.result).toBe('objections');
  });
});
