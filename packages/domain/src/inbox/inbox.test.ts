import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { putRecord, seededSpace } from '../../test/governanceFixtures.ts';
import { spaceAsyncConsents, type AsyncConsentSummary } from '../asyncConsent/consentDoc.ts';
import { spaceDecisions } from '../decisions/decisionLog.ts';
import { asyncConsentSection } from './asyncConsentSection.ts';
import { buildInbox, inboxCount, type InboxItem, type InboxSource } from './inbox.ts';
import { INBOX_SOURCES } from './inboxSources.ts';
import { reviewSection } from './reviewSection.ts';
import { electionHarness } from '../../test/electionHarness.ts';
import { addMeetingSummary } from '../meeting/meetingIndex.ts';
import { addAction } from '../tensions/actions.ts';
import { logTension } from '../tensions/tensions.ts';
import { backlogSection } from './backlogSection.ts';
import { INBOX_MEETINGS_MAX, electionSection, inboxMeetingIds } from './electionSection.ts';

const NOW = Date.parse('2027-06-10T12:00:00Z');
const HOUR = 3_600_000;

function consent(id: string, fields: Partial<AsyncConsentSummary>): AsyncConsentSummary {
  return {
    id,
    proposalId: `pr${id}`,
    title: `Proposal ${id}`,
    proposerId: 'user-bo',
    openedAt: NOW - HOUR,
    deadline: NOW + HOUR,
    revision: 0,
    status: 'open',
    result: null,
    awaiting: ['user-awa'],
    ...fields,
  };
}

const item = (key: string, dueAt: number | null): InboxItem => ({
  key,
  kind: 'x',
  title: key,
  dueAt,
  overdue: false,
  flag: null,
  target: { page: 'proposal', id: key },
});

describe('inbox', () => {
  it('INBOX-1 sections come in the sources’ order, a failing source gives an empty section', () => {
    const a: InboxSource = () => ({ id: 'a', items: [item('k1', null)] });
    const broken: InboxSource = () => {
      throw new Error('malformed');
    };
    const sections = buildInbox({ spaceDoc: new Y.Doc(), userId: 'u', now: NOW }, [
      ['b', broken],
      ['a', a],
    ]);
    expect(sections.map((s) => [s.id, s.items.length])).toEqual([
      ['b', 0],
      ['a', 1],
    ]);
    expect(inboxCount(sections)).toBe(1);
    expect(INBOX_SOURCES.map(([id]) => id)).toEqual([
      'async-consent',
      'elections',
      'backlog',
      'review',
    ]);
  });

  it('INBOX-2 items sort soonest first, undated last, ties by key', () => {
    const source: InboxSource = () => ({
      id: 's',
      items: [item('c', null), item('b', 5), item('a', 5), item('d', 1)],
    });
    const [section] = buildInbox({ spaceDoc: new Y.Doc(), userId: 'u', now: NOW }, [['s', source]]);
    expect(section?.items.map((i) => i.key)).toEqual(['d', 'a', 'b', 'c']);
  });

  it('INBOX-3 open consents awaiting me before their deadline, amended ones flagged', () => {
    const doc = new Y.Doc();
    const index = spaceAsyncConsents(doc);
    index.set('ac1', consent('ac1', { revision: 1, deadline: NOW + 2 * HOUR }));
    index.set('ac2', consent('ac2', { awaiting: ['user-bo'] }));
    index.set('ac3', consent('ac3', { status: 'closed', result: 'adopted' }));
    index.set('ac4', consent('ac4', { deadline: NOW - 1 }));
    index.set('ac5', consent('ac5', {}));
    const { items } = asyncConsentSection({ spaceDoc: doc, userId: 'user-awa', now: NOW });
    expect(items.map((i) => [i.key, i.flag])).toEqual([
      ['ac1', 'amended'],
      ['ac5', null],
    ]);
    expect(items[0]?.target).toEqual({ page: 'consent', id: 'ac1' });
  });

  it('INBOX-4 my terms ending within 30 days or past, and my decisions due for review', () => {
    const doc = seededSpace(); // user-awa holds asg001 until 2027-06-30
    putRecord(doc, 'assignment', 'asg002', {
      roleId: 'role01',
      personId: 'user-awa',
      focus: '',
      termEnd: '2027-09-30',
      createdAt: 2,
      createdBy: 'd0',
    });
    putRecord(doc, 'assignment', 'asg003', {
      roleId: 'role01',
      personId: 'user-bo',
      focus: '',
      termEnd: '2027-06-01',
      createdAt: 2,
      createdBy: 'd0',
    });
    const entry = (id: string, proposerId: string, reviewDate: string | null) => ({
      schema: 1,
      id,
      outcome: 'adopted',
      decidedAt: 5,
      title: `Decision ${id}`,
      proposalId: `p-${id}`,
      proposerId,
      reviewDate,
    });
    spaceDecisions(doc).set('dec1', entry('dec1', 'user-awa', '2027-06-01'));
    spaceDecisions(doc).set('dec2', entry('dec2', 'user-awa', '2027-12-01'));
    spaceDecisions(doc).set('dec3', entry('dec3', 'user-bo', '2027-06-01'));
    const { items } = reviewSection({ spaceDoc: doc, userId: 'user-awa', now: NOW });
    expect(items.map((i) => [i.key, i.overdue, i.title])).toEqual([
      ['assignment:asg001', false, 'Editor'],
      ['decision:dec1', true, 'Decision dec1'],
    ]);
    const sorted = buildInbox({ spaceDoc: doc, userId: 'user-awa', now: NOW }, INBOX_SOURCES);
    expect(sorted.find((x) => x.id === 'review')?.items.map((i) => i.key)).toEqual([
      'decision:dec1',
      'assignment:asg001',
    ]);
  });

  it('INBOX-5 the tensions I logged that wait, and the actions I own not done, due at the end of their day', () => {
    const doc = new Y.Doc();
    logTension(doc, {
      id: 'te1tension',
      by: 'user-awa',
      what: 'Slow releases',
      couldBe: 'Weekly',
      now: 1,
    });
    logTension(doc, { id: 'te2tension', by: 'user-bo', what: 'Not mine', couldBe: 'x', now: 1 });
    addAction(doc, {
      id: 'ac1action',
      kind: 'action',
      title: 'Call the bank',
      ownerId: 'user-awa',
      by: 'user-bo',
      dueDate: '2027-06-09',
      now: 1,
    });
    addAction(doc, {
      id: 'ac2action',
      kind: 'project',
      title: 'New site',
      ownerId: 'user-awa',
      by: 'user-awa',
      now: 1,
    });
    addAction(doc, {
      id: 'ac3action',
      kind: 'action',
      title: 'Theirs',
      ownerId: 'user-bo',
      by: 'user-bo',
      now: 1,
    });
    const { items } = backlogSection({ spaceDoc: doc, userId: 'user-awa', now: NOW });
    expect(items.map((i) => [i.key, i.kind, i.title, i.overdue, i.flag])).toEqual([
      ['tension:te1tension', 'tension', 'Slow releases', false, 'open'],
      ['action:ac1action', 'action', 'Call the bank', true, null],
      ['action:ac2action', 'project', 'New site', false, null],
    ]);
    expect(items[1]?.dueAt).toBe(Date.parse('2027-06-09T23:59:59.999Z'));
    expect(items[0]?.target).toEqual({ page: 'tensions', id: 'te1tension' });
  });

  it('INBOX-6 elections I am nominated in: in live meetings only, once revealed, never from a seal', () => {
    const doc = new Y.Doc();
    const summary = (id: string, status: 'live' | 'upcoming') =>
      addMeetingSummary(doc, {
        id,
        title: id,
        circleId: 'c1',
        kind: 'governance',
        startsAt: 1,
        status,
        updatedAt: 1,
      });
    summary('me1meeting', 'live');
    summary('me2meeting', 'upcoming');
    expect(inboxMeetingIds(doc)).toEqual(['me1meeting']);
    const h = electionHarness();
    h.next(); // present → nominate
    h.seal('ana', { nominee: 'ben', reason: 'Calm and fair' });
    const section = (userId: string, id = 'me1meeting') =>
      electionSection({ spaceDoc: doc, userId, now: NOW, meetings: [{ id, state: h.state() }] });
    // Sealed: nothing, for ben or anyone.
    expect(section('ben').items).toEqual([]);
    h.next(); // the reveal
    expect(section('ben').items).toEqual([]); // revealed, but ana has not opened her seal yet
    h.reveal('ana');
    expect(section('ben').items.map((i) => [i.kind, i.target])).toEqual([
      ['election', { page: 'meeting', id: 'me1meeting' }],
    ]);
    expect(section('ana').items).toEqual([]);
    // A meeting the index does not list as live is not read.
    expect(section('ben', 'me2meeting').items).toEqual([]);
    expect(INBOX_MEETINGS_MAX).toBeGreaterThan(0);
  });
});
