import { describe, expect, it } from 'vitest';
import { AGENDA, CONTEXT, PEOPLE, agendaItem, harness } from '../../test/meetingHarness.ts';
import { AGENDA_ITEMS_MAX } from '../meeting/agendaFields.ts';
import {
  addLiveItem,
  gotoItem,
  moveLiveItem,
  nextStep,
  noteItem,
  recordOutcome,
  removeLiveItem,
  skipItem,
  startMeeting,
  updateLiveItem,
} from './commands.ts';
import { foldMeeting } from './fold.ts';
import { parseEvent } from './parseEvent.ts';
import type { FoldContext } from './state.ts';

const ids = (h: ReturnType<typeof harness>): string[] => h.state().items.map((item) => item.id);

/** A harness whose meeting has started on the fixture agenda. */
function started(): ReturnType<typeof harness> {
  const h = harness();
  h.act(startMeeting, 'fac1');
  return h;
}

describe('the agenda in the log', () => {
  it('AGENDA-8 the start carries the agenda in agenda order; afterwards the document agenda is never read', () => {
    const h = started();
    const start = h.last();
    expect(start.type === 'meeting.start' && start.agenda).toEqual(
      AGENDA.map(({ id, kind, title, proposalId, process, text, ownerId, timeboxMinutes }) => ({
        id,
        kind,
        title,
        proposalId,
        process,
        text: kind === 'tension' ? text : '',
        ownerId,
        timeboxMinutes,
      })),
    );
    // Someone rewrites the document's agenda after the start: nothing changes.
    const rewritten: FoldContext = {
      ...CONTEXT,
      agenda: [agendaItem('other1', 'information', { ownerId: 'ben' }), ...AGENDA.slice(2)],
    };
    const before = foldMeeting(h.log, CONTEXT);
    expect(foldMeeting(h.log, rewritten)).toEqual(before);
    expect(before.items.map((item) => item.id)).toEqual(['consent1', 'idm1', 'tension1', 'info1']);
    expect(before.items[2]).toMatchObject({ text: 'Keys', ownerId: 'chloe', status: 'pending' });
  });

  it('AGENDA-8 a legacy start without a snapshot keeps reading the document agenda', () => {
    const h = harness();
    const { agenda: _agenda, ...legacy } = startMeeting(h.state(), 'fac1', 1) as {
      agenda?: unknown;
    } & ReturnType<typeof startMeeting>;
    expect(h.push(legacy).status).toBe('applied');
    const shorter: FoldContext = { ...CONTEXT, agenda: AGENDA.slice(1) };
    expect(foldMeeting(h.log, shorter).items.map((item) => item.id)).toEqual([
      'idm1',
      'tension1',
      'info1',
    ]);
  });

  it('AGENDA-8 MEET-12 a snapshot is bounded and well-typed, else the start is malformed', () => {
    const h = harness();
    const start = startMeeting(h.state(), 'fac1', 1);
    const item = start.agenda![0]!;
    const bad = [
      Array.from({ length: AGENDA_ITEMS_MAX + 1 }, (_, i) => ({ ...item, id: `item${i}00` })),
      [item, item],
      [{ ...item, title: 'x'.repeat(201) }],
      [{ ...item, text: 'x'.repeat(501) }],
      [{ ...item, timeboxMinutes: 0 }],
      [{ ...item, kind: 'chat' }],
      [{ ...item, ownerId: 7 }],
      'all',
    ];
    for (const agenda of bad) expect(parseEvent({ ...start, agenda })).toBeNull();
    expect(h.push({ ...start, agenda: bad[0] })).toMatchObject({ reason: 'malformed' });
    expect(parseEvent(JSON.parse(JSON.stringify(start)))).toEqual(start);
  });

  it('AGENDA-8 a hand-written document agenda is cut to what a start may carry, so the meeting can start', () => {
    const h = harness({
      ...CONTEXT,
      agenda: [
        agendaItem('x'.repeat(65), 'information'),
        agendaItem('long01', 'information', { title: 'y'.repeat(300), timeboxMinutes: 999 }),
        agendaItem('long01', 'information'),
        agendaItem('tens01', 'tension', { text: 'z'.repeat(600), ownerId: 'o'.repeat(80) }),
        ...Array.from({ length: AGENDA_ITEMS_MAX }, (_, i) =>
          agendaItem(`many${i}00`, 'information'),
        ),
      ],
    });
    expect(h.act(startMeeting, 'fac1').status).toBe('applied');
    const [long, tension] = h.state().items;
    expect(long).toMatchObject({ id: 'long01', timeboxMinutes: 240 });
    expect(long!.title).toHaveLength(200);
    expect(tension).toMatchObject({ id: 'tens01', ownerId: '' });
    expect(tension!.text).toHaveLength(500);
    expect(h.state().items).toHaveLength(AGENDA_ITEMS_MAX);
  });

  it('AGENDA-9 anyone taking part adds an item at the end, owned by its author; not before the start nor after the end', () => {
    const h = harness();
    const tension = { id: 'live01', kind: 'tension', text: '  Noise\nin the office ' } as const;
    expect(h.act(addLiveItem, 'ana', tension)).toMatchObject({ reason: 'not-started' });
    h.act(startMeeting, 'fac1');
    expect(h.act(addLiveItem, 'obs', tension)).toMatchObject({ reason: 'observer' });
    expect(h.act(addLiveItem, 'stranger', tension)).toMatchObject({ reason: 'unknown-author' });
    expect(h.act(addLiveItem, 'ana', tension).status).toBe('applied');
    expect(h.state().items.at(-1)).toMatchObject({
      id: 'live01',
      kind: 'tension',
      title: 'Noise',
      text: 'Noise\nin the office',
      ownerId: 'ana',
      timeboxMinutes: 10,
      status: 'pending',
      startedAt: null,
    });
    expect(h.act(addLiveItem, 'ben', { ...tension, text: 'Again' })).toMatchObject({
      reason: 'item-exists',
    });
    expect(
      h.act(addLiveItem, 'ben', { id: 'consent1', kind: 'information', title: 'x' }),
    ).toMatchObject({
      reason: 'item-exists',
    });
  });

  it('AGENDA-9 AGENDA-2 AGENDA-3 an added item follows the rules of the document agenda', () => {
    const h = started();
    const cases = [
      [{ kind: 'information', title: '   ' }, 'invalid-title'],
      [{ kind: 'tension', text: '  ' }, 'invalid-text'],
      [{ kind: 'proposal', title: 'Budget' }, 'proposal-required'],
      [{ kind: 'information', title: 'News', timeboxMinutes: 0 }, 'invalid-timebox'],
      [{ kind: 'information', title: 'News', timeboxMinutes: 2.5 }, 'invalid-timebox'],
      [{ kind: 'information', title: 'News', timeboxMinutes: 241 }, 'invalid-timebox'],
    ] as const;
    for (const [input, reason] of cases) {
      expect(h.act(addLiveItem, 'ana', input)).toMatchObject({ status: 'refused', reason });
    }
    const proposal = addLiveItem(h.state(), 'ana', 1, {
      kind: 'proposal',
      proposalId: 'prop01',
      title: 'B',
    });
    expect(h.push({ ...proposal, item: { ...proposal.item, process: null } })).toMatchObject({
      reason: 'invalid-process',
    });
    expect(
      h.push({
        ...addLiveItem(h.state(), 'ana', 1, { kind: 'information', title: 'x'.repeat(201) }),
      }),
    ).toMatchObject({ reason: 'malformed' });
    expect(
      h.act(addLiveItem, 'ben', {
        id: 'prop02',
        kind: 'proposal',
        title: ' Budget   2030 ',
        proposalId: 'prop01',
        process: 'idm',
        timeboxMinutes: 30,
      }),
    ).toMatchObject({ status: 'applied' });
    expect(h.state().items.at(-1)).toMatchObject({
      title: 'Budget 2030',
      process: 'idm',
      proposalId: 'prop01',
      ownerId: 'ben',
      timeboxMinutes: 30,
    });
  });

  it('AGENDA-9 the agenda holds at most 200 items', () => {
    const many = Array.from({ length: AGENDA_ITEMS_MAX }, (_, i) =>
      agendaItem(`many${i}00`, 'information'),
    );
    const h = harness({ ...CONTEXT, agenda: many });
    h.act(startMeeting, 'fac1');
    expect(h.act(addLiveItem, 'ana', { kind: 'information', title: 'One more' })).toMatchObject({
      reason: 'agenda-full',
    });
  });

  it('AGENDA-10 a facilitator edits a pending item never current; its owner only title, text and time box', () => {
    const h = started();
    expect(
      h.act(updateLiveItem, 'chloe', 'tension1', {
        title: 'Keys again',
        text: ' Lost keys ',
        timeboxMinutes: 5,
      }).status,
    ).toBe('applied');
    expect(h.state().items[2]).toMatchObject({
      title: 'Keys again',
      text: 'Lost keys',
      timeboxMinutes: 5,
      ownerId: 'chloe',
    });
    expect(h.act(updateLiveItem, 'ana', 'tension1', { title: 'Mine' })).toMatchObject({
      reason: 'not-allowed',
    });
    expect(h.act(updateLiveItem, 'chloe', 'tension1', { ownerId: 'ana' })).toMatchObject({
      reason: 'not-facilitator',
    });
    expect(h.act(updateLiveItem, 'ben', 'idm1', { process: 'consent' })).toMatchObject({
      reason: 'not-facilitator',
    });
    expect(
      h.act(updateLiveItem, 'fac2', 'idm1', { process: 'consent', ownerId: 'chloe' }).status,
    ).toBe('applied');
    expect(h.state().items[1]).toMatchObject({ process: 'consent', ownerId: 'chloe' });
    // The new owner may now edit it, the old one no longer.
    expect(h.act(updateLiveItem, 'ben', 'idm1', { title: 'Old owner' })).toMatchObject({
      reason: 'not-allowed',
    });
    expect(h.act(updateLiveItem, 'chloe', 'idm1', { title: 'New owner' }).status).toBe('applied');
    expect(h.act(updateLiveItem, 'fac1', 'nope01', { title: 'x' })).toMatchObject({
      reason: 'unknown-item',
    });
  });

  it('AGENDA-10 AGENDA-4 an edit follows the rules of the document agenda', () => {
    const h = started();
    const cases = [
      ['info1', { title: ' ' }, 'invalid-title'],
      ['info1', { text: 'x' }, 'wrong-item-kind'],
      ['tension1', { text: ' ' }, 'invalid-text'],
      ['info1', { process: 'idm' }, 'wrong-item-kind'],
      ['info1', { timeboxMinutes: 0 }, 'invalid-timebox'],
      ['info1', { ownerId: 'nobody' }, 'unknown-person'],
      ['info1', { ownerId: 'obs' }, 'observer'],
    ] as const;
    for (const [itemId, patch, reason] of cases) {
      expect(h.act(updateLiveItem, 'fac1', itemId, patch)).toMatchObject({
        status: 'refused',
        reason,
      });
    }
    // A refused patch changes none of its fields, even the valid ones.
    expect(
      h.act(updateLiveItem, 'fac1', 'info1', { title: 'Fine', timeboxMinutes: 0 }),
    ).toMatchObject({ reason: 'invalid-timebox' });
    expect(h.state().items[3]!.title).toBe('Item info1');
    expect(
      parseEvent({ ...updateLiveItem(h.state(), 'fac1', 1, 'info1', {}), patch: { title: null } }),
    ).toBeNull();
  });

  it('AGENDA-10 AGENDA-11 AGENDA-12 an item that was ever current, or is skipped or done, no longer changes', () => {
    const h = started();
    h.act(nextStep, 'fac1'); // consent1 is current
    h.act(gotoItem, 'fac1', 'tension1');
    h.act(noteItem, 'fac1', 'Buy a hook');
    h.act(nextStep, 'fac1'); // tension1 done, back to consent1 (first pending)
    expect(h.state().currentItemId).toBe('consent1');
    h.act(gotoItem, 'fac1', 'idm1');
    h.act(skipItem, 'fac1', 'info1');
    for (const itemId of ['consent1', 'idm1', 'tension1']) {
      expect(h.act(updateLiveItem, 'fac1', itemId, { timeboxMinutes: 3 })).toMatchObject({
        reason: 'item-started',
      });
      expect(h.act(removeLiveItem, 'fac1', itemId)).toMatchObject({ reason: 'item-started' });
      expect(h.act(moveLiveItem, 'fac1', itemId, null)).toMatchObject({ reason: 'item-started' });
    }
    expect(h.act(updateLiveItem, 'fac1', 'info1', { timeboxMinutes: 3 })).toMatchObject({
      reason: 'not-pending',
    });
    expect(h.act(removeLiveItem, 'fac1', 'info1')).toMatchObject({ reason: 'not-pending' });
    expect(h.act(moveLiveItem, 'fac1', 'info1', 'consent1')).toMatchObject({
      reason: 'not-pending',
    });
  });

  it('AGENDA-11 a facilitator removes a pending item; it can no longer be gone to', () => {
    const h = started();
    expect(h.act(removeLiveItem, 'ana', 'info1')).toMatchObject({ reason: 'not-facilitator' });
    expect(h.act(removeLiveItem, 'fac2', 'info1').status).toBe('applied');
    expect(ids(h)).toEqual(['consent1', 'idm1', 'tension1']);
    expect(h.act(removeLiveItem, 'fac2', 'info1')).toMatchObject({ reason: 'unknown-item' });
    expect(h.act(gotoItem, 'fac1', 'info1')).toMatchObject({ reason: 'unknown-item' });
  });

  it('AGENDA-12 MEET-5 a facilitator moves a pending item; next follows the new order', () => {
    const h = started();
    expect(h.act(moveLiveItem, 'ana', 'info1', 'consent1')).toMatchObject({
      reason: 'not-facilitator',
    });
    expect(h.act(moveLiveItem, 'fac1', 'info1', 'info1')).toMatchObject({ reason: 'same-item' });
    expect(h.act(moveLiveItem, 'fac1', 'info1', 'nope01')).toMatchObject({
      reason: 'unknown-item',
    });
    expect(h.act(moveLiveItem, 'fac1', 'info1', 'consent1').status).toBe('applied');
    expect(ids(h)).toEqual(['info1', 'consent1', 'idm1', 'tension1']);
    expect(h.act(moveLiveItem, 'fac1', 'consent1', null).status).toBe('applied');
    expect(ids(h)).toEqual(['info1', 'idm1', 'tension1', 'consent1']);
    h.act(nextStep, 'fac1');
    expect(h.state().currentItemId).toBe('info1');
    // A pending item may go before the current one; next skips past nothing it should not.
    expect(h.act(moveLiveItem, 'fac1', 'tension1', 'info1').status).toBe('applied');
    h.act(nextStep, 'fac1'); // info1 done
    expect(h.state().currentItemId).toBe('tension1');
  });

  it('AGENDA-13 an agenda change expects nothing: a concurrent step change does not supersede it', () => {
    const h = started();
    const before = h.state();
    h.act(nextStep, 'fac1');
    h.act(recordOutcome, 'fac1', 'deferred');
    const late = [
      addLiveItem(before, 'ana', 5, { id: 'late01', kind: 'information', title: 'Late news' }),
      moveLiveItem(before, 'fac2', 6, 'late01', 'idm1'),
      updateLiveItem(before, 'fac2', 7, 'late01', { timeboxMinutes: 3 }),
    ];
    for (const event of late) expect(h.push(event).status).toBe('applied');
    expect(ids(h)).toEqual(['consent1', 'late01', 'idm1', 'tension1', 'info1']);
    h.act(nextStep, 'fac1');
    expect(h.state().currentItemId).toBe('late01');
  });

  it('AGENDA-13 after the end the agenda no longer changes', () => {
    const h = started();
    h.act(nextStep, 'fac1');
    for (const id of ['consent1', 'idm1', 'tension1', 'info1']) h.act(skipItem, 'fac1', id);
    h.act(nextStep, 'fac1');
    expect(h.state().phase).toBe('ended');
    expect(h.act(addLiveItem, 'ana', { kind: 'information', title: 'After' })).toMatchObject({
      reason: 'meeting-ended',
    });
    expect(h.act(removeLiveItem, 'fac1', 'info1')).toMatchObject({ reason: 'meeting-ended' });
  });

  it('MEET-12 agenda events survive a JSON round trip through parseEvent', () => {
    const state = started().state();
    const events = [
      addLiveItem(state, 'ana', 1, { kind: 'proposal', title: 'P', proposalId: 'prop01' }),
      updateLiveItem(state, 'fac1', 2, 'info1', {
        title: 'T',
        timeboxMinutes: 4,
        ownerId: 'ben',
        process: 'idm',
        text: 'x',
        extra: 1,
      } as never),
      removeLiveItem(state, 'fac1', 3, 'info1'),
      moveLiveItem(state, 'fac1', 4, 'info1', null),
    ];
    const [add, update, ...rest] = events;
    expect(parseEvent(JSON.parse(JSON.stringify(add)))).toEqual(add);
    expect(parseEvent(JSON.parse(JSON.stringify(update)))).toEqual({
      ...update,
      patch: { title: 'T', timeboxMinutes: 4, ownerId: 'ben', process: 'idm', text: 'x' },
    });
    for (const event of rest) expect(parseEvent(JSON.parse(JSON.stringify(event)))).toEqual(event);
    expect(parseEvent({ ...events[3], beforeItemId: undefined })).toBeNull();
    expect(parseEvent({ ...events[0], expects: null })).toBeNull();
    expect(PEOPLE).toHaveLength(6);
  });
});
