import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addChange } from '../governance/proposalChanges.ts';
import { initProposal, proposalBody, proposalTitle } from '../proposal.ts';
import { buildAsyncDecisionEntry } from './asyncDecision.ts';
import {
  amendAsyncConsent,
  closeAsyncConsentEarly,
  openAsyncConsent,
  recordAsyncPosition,
} from './commands.ts';
import {
  SERVER_AUTHOR,
  parseAsyncEntry,
  parseAsyncPersonEvent,
  type AsyncPolicy,
} from './events.ts';
import { awaitingPosition, foldAsyncConsent } from './fold.ts';
import { isTextDigest, proposalTextDigest } from './textDigest.ts';

const T0 = 1_700_000_000_000;
const DAY = 86_400_000;

function proposal(): Y.Doc {
  const doc = new Y.Doc();
  initProposal(doc, {
    id: 'pr1proposal',
    spaceId: 'sp1space',
    circleId: 'ci1circle',
    title: 'Four-day week',
    driver: 'We are tired',
    createdBy: 'Ana',
    authorId: 'ana1',
    now: 1,
  });
  const paragraph = new Y.XmlElement('paragraph');
  paragraph.insert(0, [new Y.XmlText('Work four days.')]);
  proposalBody(doc).insert(0, [paragraph]);
  return doc;
}

const roll = (policy: AsyncPolicy) => ({
  id: 'roll1',
  type: 'async.roll',
  by: SERVER_AUTHOR,
  at: T0,
  voters: ['ana1', 'bo1'],
  facilitators: [],
  policy,
  names: { ana1: 'Ana', bo1: 'Bo' },
});

const serverRevision = (revision: number, digest: string) => ({
  id: `rev${revision}`,
  type: 'async.revision',
  by: SERVER_AUTHOR,
  at: T0 + DAY,
  expects: { revision },
  digest,
});

describe('the text a position answers', () => {
  it('ASYNC-15 the digest follows the visible text (title, driver, body, changes) and nothing else', () => {
    const doc = proposal();
    const first = proposalTextDigest(doc);
    expect(isTextDigest(first)).toBe(true);
    // Another replica holding the same text (through another history) gives the same digest.
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
    expect(proposalTextDigest(copy)).toBe(first);
    proposalTitle(doc).insert(0, 'A ');
    const titled = proposalTextDigest(doc);
    expect(titled).not.toBe(first);
    proposalTitle(doc).delete(0, 2);
    expect(proposalTextDigest(doc)).toBe(first);
    const paragraph = proposalBody(doc).get(0) as Y.XmlElement;
    (paragraph.get(0) as Y.XmlText).insert(0, 'Never ');
    const bodied = proposalTextDigest(doc);
    expect(bodied).not.toBe(first);
    addChange(doc, {
      id: 'ch1change',
      type: 'role.add',
      by: 'ana1',
      at: 1,
      roleId: 'ro1role',
      circleId: 'ci1circle',
      name: 'Treasurer',
      purpose: 'Money',
      elected: false,
    });
    expect(proposalTextDigest(doc)).not.toBe(bodied);
  });

  it('ASYNC-15 a position or an early close naming another text than the revision’s is ignored', () => {
    const doc = proposal();
    const sent = proposalTextDigest(doc);
    const log: unknown[] = [
      openAsyncConsent('pr1proposal', 'ana1', T0, T0 + DAY, sent),
      roll({ lazy: false, quorumPercent: 100 }),
    ];
    let state = foldAsyncConsent(log);
    expect(state.digest).toBe(sent);
    // The proposer changed the text without recording it; Bo's screen shows the new text.
    proposalTitle(doc).insert(0, 'Not a ');
    const seen = proposalTextDigest(doc);
    log.push(recordAsyncPosition(state, 'bo1', T0 + 1, 'consent', '', seen));
    log.push(recordAsyncPosition(state, 'ana1', T0 + 1, 'consent', '', sent));
    state = foldAsyncConsent(log);
    expect(state.results.map((r) => r.why).slice(2)).toEqual(['text-changed', null]);
    expect(awaitingPosition(state)).toEqual(['bo1']);
    // Recorded, the amendment names the new text: Bo's view is now the revision's.
    log.push(amendAsyncConsent(state, 'ana1', T0 + 2, 'Renamed', seen));
    state = foldAsyncConsent(log);
    log.push(recordAsyncPosition(state, 'bo1', T0 + 3, 'consent', '', seen));
    log.push(recordAsyncPosition(state, 'ana1', T0 + 3, 'consent', '', seen));
    state = foldAsyncConsent(log);
    expect(state.digest).toBe(seen);
    log.push(closeAsyncConsentEarly(state, 'ana1', T0 + 4, sent));
    expect(foldAsyncConsent(log).results.at(-1)?.why).toBe('text-changed');
    log.push(closeAsyncConsentEarly(state, 'ana1', T0 + 4, seen));
    expect(foldAsyncConsent(log).closing).toMatchObject({ reason: 'early', result: 'adopted' });
    // Every person event without a digest of the right shape does not parse.
    const bare = { ...recordAsyncPosition(state, 'bo1', T0, 'consent', '') };
    expect(parseAsyncPersonEvent({ ...bare, expects: { revision: 1 } })).toBeNull();
    expect(parseAsyncPersonEvent({ ...bare, expects: { revision: 1, digest: 'x' } })).toBeNull();
  });

  it('ASYNC-16 the server’s revision makes every position stale; the policy decides, an objection stands', () => {
    const open = openAsyncConsent('pr1proposal', 'ana1', T0, T0 + DAY, 'a'.repeat(64));
    const consented = (policy: AsyncPolicy) => {
      const log: unknown[] = [open, roll(policy)];
      const state = foldAsyncConsent(log);
      log.push(recordAsyncPosition(state, 'bo1', T0 + 1, 'consent', ''));
      log.push(recordAsyncPosition(state, 'ana1', T0 + 1, 'consent', ''));
      return log;
    };
    const strict = consented({ lazy: false, quorumPercent: 100 });
    strict.push(serverRevision(0, 'b'.repeat(64)), {
      id: 'dl1',
      type: 'async.deadline',
      by: SERVER_AUTHOR,
      at: T0 + DAY,
    });
    const state = foldAsyncConsent(strict);
    expect(state.revision).toBe(1);
    expect(state.amendments).toEqual([
      expect.objectContaining({ by: SERVER_AUTHOR, recorded: false, digest: 'b'.repeat(64) }),
    ]);
    // Nobody is counted as positioned on the text nobody saw: without lazy consent, no quorum.
    expect(state.closing?.result).toBe('no-quorum');
    const entry = buildAsyncDecisionEntry({
      consentId: 'ac1consent',
      state,
      proposalDoc: null,
      circle: { id: 'ci1circle', name: 'General' },
      recordedAt: T0 + DAY,
    });
    expect(entry?.async.unrecorded).toBe(1);
    expect(entry?.positions.every((p) => p.round === 1)).toBe(true);
    // With lazy consent, stale positions and silence consent, as after a recorded amendment.
    const lazy = consented({ lazy: true, quorumPercent: 100 });
    lazy.push(serverRevision(0, 'b'.repeat(64)), {
      id: 'dl1',
      type: 'async.deadline',
      by: SERVER_AUTHOR,
      at: T0 + DAY,
    });
    expect(foldAsyncConsent(lazy).closing?.result).toBe('adopted');
    // A revision naming the same text, or an earlier revision, or not the server's: ignored.
    const same = consented({ lazy: false, quorumPercent: 100 });
    same.push(serverRevision(0, 'a'.repeat(64)), serverRevision(5, 'c'.repeat(64)));
    expect(
      foldAsyncConsent(same)
        .results.slice(-2)
        .map((r) => r.why),
    ).toEqual(['same-text', 'stale-revision']);
    expect(parseAsyncPersonEvent({ ...serverRevision(0, 'b'.repeat(64)), by: 'bo1' })).toBeNull();
    expect(parseAsyncEntry(serverRevision(0, 'b'.repeat(64)))?.type).toBe('async.revision');
  });

  it('ASYNC-17 a review date set when sending goes on the adopted decision, and only on it', () => {
    const doc = proposal();
    const digest = proposalTextDigest(doc);
    const closed = (reviewDate: string | null, policy: AsyncPolicy) =>
      foldAsyncConsent([
        openAsyncConsent('pr1proposal', 'ana1', T0, T0 + DAY, digest, reviewDate),
        roll(policy),
        { id: 'dl1', type: 'async.deadline', by: SERVER_AUTHOR, at: T0 + DAY },
      ]);
    const entry = (reviewDate: string | null, policy: AsyncPolicy) =>
      buildAsyncDecisionEntry({
        consentId: 'ac1consent',
        state: closed(reviewDate, policy),
        proposalDoc: doc,
        circle: { id: 'ci1circle', name: 'General' },
        recordedAt: T0 + DAY,
      });
    expect(closed('2027-03-01', { lazy: true, quorumPercent: 100 }).reviewDate).toBe('2027-03-01');
    expect(entry('2027-03-01', { lazy: true, quorumPercent: 100 })?.reviewDate).toBe('2027-03-01');
    expect(entry(null, { lazy: true, quorumPercent: 100 })?.reviewDate).toBeNull();
    expect(entry('2027-03-01', { lazy: false, quorumPercent: 100 })?.reviewDate).toBeNull();
    const open = openAsyncConsent('pr1proposal', 'ana1', T0, T0 + DAY, digest, '2027-02-30');
    expect(parseAsyncPersonEvent(open)).toBeNull();
  });
});
