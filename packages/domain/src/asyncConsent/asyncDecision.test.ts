import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { initProposal } from '../proposal.ts';
import { parseDecisionEntry } from '../decisions/decisionEntry.ts';
import { buildAsyncDecisionEntry, outcomeOfAsync } from './asyncDecision.ts';
import { amendAsyncConsent, openAsyncConsent, recordAsyncPosition } from './commands.ts';
import {
  listAsyncConsents,
  readAsyncPolicy,
  sameSummary,
  setAsyncPolicy,
  spaceAsyncConsents,
  summarizeAsyncConsent,
} from './consentDoc.ts';
import { SERVER_AUTHOR } from './events.ts';
import { foldAsyncConsent } from './fold.ts';

/** Digests of two texts (ASYNC-15). */
const TEXT0 = 'a'.repeat(64);
const TEXT1 = 'b'.repeat(64);

const T0 = 1_700_000_000_000;
const DAY = 86_400_000;

function closedConsent() {
  const log: unknown[] = [
    openAsyncConsent('pr1proposal', 'ana1', T0, T0 + DAY, TEXT0),
    {
      id: 'roll1',
      type: 'async.roll',
      by: SERVER_AUTHOR,
      at: T0,
      voters: ['ana1', 'bo1'],
      facilitators: [],
      policy: { lazy: true, quorumPercent: 100 },
      names: { ana1: 'Ana', bo1: 'Bo' },
    },
  ];
  let state = foldAsyncConsent(log);
  log.push(recordAsyncPosition(state, 'bo1', T0 + 1, 'objection', 'No budget'));
  log.push(amendAsyncConsent(state, 'ana1', T0 + 2, 'Budget added', TEXT1));
  state = foldAsyncConsent(log);
  log.push(recordAsyncPosition(state, 'bo1', T0 + 3, 'consent', ''));
  log.push({ id: 'deadline1', type: 'async.deadline', by: SERVER_AUTHOR, at: T0 + DAY });
  return foldAsyncConsent(log);
}

describe('asynchronous consent records', () => {
  it('ASYNC-11 the space policy defaults to everyone positioning; only valid policies are set', () => {
    const doc = new Y.Doc();
    expect(readAsyncPolicy(doc)).toEqual({ lazy: false, quorumPercent: 100 });
    setAsyncPolicy(doc, { lazy: true, quorumPercent: 60 });
    expect(readAsyncPolicy(doc)).toEqual({ lazy: true, quorumPercent: 60 });
    expect(() => setAsyncPolicy(doc, { lazy: false, quorumPercent: 0 })).toThrow(RangeError);
    doc.getMap('settings').set('asyncConsent', { lazy: 'yes' });
    expect(readAsyncPolicy(doc)).toEqual({ lazy: false, quorumPercent: 100 });
  });

  it('ASYNC-12 adopted and withdrawn stay; objections and no quorum are deferred', () => {
    expect(outcomeOfAsync('adopted')).toBe('adopted');
    expect(outcomeOfAsync('withdrawn')).toBe('withdrawn');
    expect(outcomeOfAsync('objections')).toBe('deferred');
    expect(outcomeOfAsync('no-quorum')).toBe('deferred');
  });

  it('ASYNC-13 the index entry says who is awaited, and round-trips through the space map', () => {
    const state = closedConsent();
    const summary = summarizeAsyncConsent('ac1consent', 'Budget', state);
    expect(summary).toMatchObject({
      status: 'closed',
      result: 'adopted',
      revision: 1,
      awaiting: [],
    });
    const doc = new Y.Doc();
    spaceAsyncConsents(doc).set('ac1consent', summary);
    spaceAsyncConsents(doc).set('junk', { id: 3 });
    const listed = listAsyncConsents(doc);
    expect(listed).toHaveLength(1);
    expect(sameSummary(listed[0] ?? null, summary)).toBe(true);
  });

  it('ASYNC-14 the decision entry reads like a meeting’s, with the integrated objection', () => {
    const proposalDoc = new Y.Doc();
    initProposal(proposalDoc, {
      id: 'pr1proposal',
      spaceId: 'sp1space',
      circleId: 'ci1circle',
      title: 'Four-day week',
      driver: 'Tired',
      createdBy: 'Ana',
      authorId: 'ana1',
      now: T0,
    });
    const entry = buildAsyncDecisionEntry({
      consentId: 'ac1consent',
      state: closedConsent(),
      proposalDoc,
      circle: { id: 'ci1circle', name: 'Core' },
      recordedAt: T0 + DAY + 5,
    });
    expect(entry).toMatchObject({
      id: 'deadline1',
      source: 'async',
      outcome: 'adopted',
      title: 'Four-day week',
      decidedAt: T0 + DAY,
      positionRounds: 2,
      async: { result: 'adopted', reason: 'deadline', voters: ['ana1', 'bo1'] },
    });
    expect(entry?.objections).toEqual([
      expect.objectContaining({
        objector: 'bo1',
        resolution: 'integrated',
        amendments: [expect.objectContaining({ summary: 'Budget added' })],
      }),
    ]);
    expect(parseDecisionEntry(JSON.parse(JSON.stringify(entry)))?.outcome).toBe('adopted');
    const open = foldAsyncConsent([]);
    expect(
      buildAsyncDecisionEntry({
        consentId: 'x',
        state: open,
        proposalDoc,
        circle: { id: '', name: '' },
        recordedAt: 0,
      }),
    ).toBeNull();
  });
});

describe('asynchronous decisions in the log', () => {
  it('ASYNC-14 a stored entry keeps its source; a meeting’s has none', () => {
    const entry = buildAsyncDecisionEntry({
      consentId: 'ac1consent',
      state: closedConsent(),
      proposalDoc: null,
      circle: { id: '', name: '' },
      recordedAt: 1,
    });
    expect(parseDecisionEntry(JSON.parse(JSON.stringify(entry)))?.source).toBe('async');
    const { source: _dropped, ...meetingLike } = JSON.parse(JSON.stringify(entry)) as Record<
      string,
      unknown
    >;
    expect(parseDecisionEntry(meetingLike)).not.toHaveProperty('source');
  });
});
