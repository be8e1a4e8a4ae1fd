import {
  addMeetingSummary,
  addProposalSummary,
  initMeeting,
  initProposal,
  joinMeeting,
  newId,
  proposalTitle,
  readMeeting,
  readProposal,
  roomName,
  spaceMeetings,
  spaceProposals,
  summarizeProposal,
  updateMeetingSummary,
} from '@ronde/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CLOSE_CODES } from '../src/limits.ts';
import { INDEX_TITLE_MAX } from '../src/writePolicy.ts';
import { tempDir, waitFor } from './helpers.ts';
import { deniedReasons, honest, hostile, stored, type Member } from './hostileKit.ts';
import { startHostileSpace, type HostileSpace } from './hostileMeeting.ts';

/**
 * Hostile members writing documents whose content claims another identity,
 * or fields the server relies on, through the real server (token auth, a
 * bare socket sending hand-made updates): each attack is refused with 4409
 * naming its rule, the stored document is unchanged, and the web app's own
 * writes to the same place still go through.
 */
describe('hostile writes against what documents say they are', () => {
  const dir = tempDir('ronde-hostile-docs-');
  let space: HostileSpace;
  let port: number;
  let admin: Member;
  let cy: Member;
  let spaceId: string;
  let clock = 1_700_000_000_000;

  beforeAll(async () => {
    space = await startHostileSpace(dir.path, (ms) => (clock += ms));
    ({ port, admin, cy } = space);
    spaceId = admin.spaceId;
  }, 60_000);

  afterAll(async () => {
    await space.close();
    dir.remove();
  });

  /** Cy's `attack` on `room` over a bare socket: refused 4409 naming `rule`, nothing stored. */
  async function refusedAttack(room: string, rule: string, attack: (doc: Y.Doc) => void) {
    const current = await stored(port, room, admin);
    const before = Y.encodeStateAsUpdate(current);
    const attacker = await hostile(port, room, cy, current);
    attacker.edit(attack);
    // A refusal closes the socket; one left open fails the test at its timeout.
    const closed = await attacker.client.closed;
    expect(closed.code).toBe(CLOSE_CODES.writeRefused);
    expect(deniedReasons(attacker.client).join(' ')).toContain(`(${rule})`);
    expect(Y.encodeStateAsUpdate(await stored(port, room, admin))).toEqual(before);
  }

  it('WRITE-22 a meeting document is created under its room’s id and space, never another meeting’s', async () => {
    // Ada's meeting is listed, upcoming; its document is Ada's.
    const adaMeeting = newId();
    const index = await honest(port, space.spaceRoom, admin);
    addMeetingSummary(index.doc, {
      id: adaMeeting,
      title: 'Ada’s meeting',
      circleId: 'circle01',
      kind: 'governance',
      startsAt: clock,
      status: 'upcoming',
      updatedAt: clock,
    });
    await waitFor(
      async () => spaceMeetings(await stored(port, space.spaceRoom, admin)).has(adaMeeting),
      'Ada’s meeting listed',
    );
    index.provider.destroy();
    const listed = spaceMeetings(await stored(port, space.spaceRoom, admin))
      .get(adaMeeting)
      ?.toJSON();

    // Cy creates a meeting of her own whose document says it is Ada's (then
    // starting it would mark Ada's meeting live, file its participation…).
    const mine = roomName({ spaceId, kind: 'meeting', id: newId() });
    const forged = (id: string, inSpace: string) => (doc: Y.Doc) => {
      doc.transact(() => {
        initMeeting(doc, {
          id,
          spaceId: inSpace,
          title: 'Forged',
          circleId: 'circle01',
          kind: 'governance',
          startsAt: clock,
          createdBy: cy.userId,
          now: clock,
        });
        joinMeeting(doc, { id: cy.userId, name: 'Cy', role: 'facilitator', now: clock });
      });
    };
    await refusedAttack(mine, 'WRITE-22', forged(adaMeeting, spaceId));
    await refusedAttack(mine, 'WRITE-22', forged(mine.split('/')[2] as string, 'spOther01'));
    expect(
      spaceMeetings(await stored(port, space.spaceRoom, admin))
        .get(adaMeeting)
        ?.toJSON(),
    ).toEqual(listed);

    // The web app's creation (NewMeetingForm: the room's id, created and joined in one transaction).
    const cyClient = await honest(port, mine, cy);
    forged(mine.split('/')[2] as string, spaceId)(cyClient.doc);
    await waitFor(
      async () => readMeeting(await stored(port, mine, admin))?.createdBy === cy.userId,
      'Cy’s own meeting stored',
    );
    expect(cyClient.provider.wsconnected).toBe(true);
    cyClient.provider.destroy();
  });

  it('WRITE-22 a proposal document is created under its room’s id and space', async () => {
    const id = newId();
    const room = roomName({ spaceId, kind: 'proposal', id });
    const create = (asId: string, inSpace: string) => (doc: Y.Doc) => {
      initProposal(doc, {
        id: asId,
        spaceId: inSpace,
        circleId: 'circle01',
        title: 'Shared tools',
        driver: '',
        createdBy: 'Cy',
        authorId: cy.userId,
        now: clock,
      });
    };
    await refusedAttack(room, 'WRITE-22', create(newId(), spaceId));
    await refusedAttack(room, 'WRITE-22', create(id, 'spOther01'));

    // The web app's creation (writeNewDocument: the room's id).
    const cyClient = await honest(port, room, cy);
    create(id, spaceId)(cyClient.doc);
    await waitFor(
      async () => readProposal(await stored(port, room, admin))?.authorId === cy.userId,
      'Cy’s proposal stored',
    );
    cyClient.provider.destroy();
  });

  it('WRITE-11 WRITE-12 an index entry holds its known fields only, each its kind of value: no megabytes in the space document everyone loads', async () => {
    const id = newId();
    const own = {
      id,
      title: 'Shared tools',
      status: 'draft' as const,
      circleId: 'circle01',
      createdAt: clock,
      updatedAt: clock,
      authorId: cy.userId,
    };
    const room = space.spaceRoom;
    // A new entry with a field no index has, or a 512 kB title (a member's daily share of the
    // space document, QUOTA-3, stops megabytes before the policy sees them); a meeting of an
    // unknown kind.
    await refusedAttack(room, 'WRITE-11', (doc) =>
      addProposalSummary(doc, { ...own, junk: 'x'.repeat(512 * 1024) } as typeof own),
    );
    await refusedAttack(room, 'WRITE-11', (doc) =>
      addProposalSummary(doc, { ...own, title: 'x'.repeat(512 * 1024) }),
    );
    await refusedAttack(room, 'WRITE-12', (doc) =>
      addMeetingSummary(doc, {
        id: newId(),
        title: 'Weekly',
        circleId: 'circle01',
        kind: 'mystery' as 'governance',
        startsAt: clock,
        status: 'upcoming',
        updatedAt: clock,
      }),
    );
    // A type swapped: a time that is a nested map (its readers expect a number).
    await refusedAttack(room, 'WRITE-11', (doc) => {
      addProposalSummary(doc, own);
      spaceProposals(doc).get(id)?.set('updatedAt', new Y.Map());
    });

    // The web app's own writes: creating a proposal lists it (createProposal), editing it
    // updates its title (useIndexUpdater), up to the longest title the index takes.
    const proposal = new Y.Doc();
    initProposal(proposal, {
      id,
      spaceId,
      circleId: 'circle01',
      title: 'Shared tools',
      driver: '',
      createdBy: 'Cy',
      authorId: cy.userId,
      now: clock,
    });
    const cyClient = await honest(port, room, cy);
    addProposalSummary(cyClient.doc, {
      id,
      ...summarizeProposal(proposal, clock),
      createdAt: clock,
      authorId: cy.userId,
    });
    spaceProposals(cyClient.doc).get(id)?.set('title', 'y'.repeat(INDEX_TITLE_MAX));
    await waitFor(
      async () =>
        spaceProposals(await stored(port, room, admin))
          .get(id)
          ?.get('title') === 'y'.repeat(INDEX_TITLE_MAX),
      'Cy’s proposal listed and retitled',
    );
    expect(cyClient.provider.wsconnected).toBe(true);
    cyClient.provider.destroy();
  });

  it('WRITE-22 a proposal the space lists as another member’s is created by that member only (its document arrives after its entry)', async () => {
    // Ada's web app lists the proposal over her open space socket, then opens its room:
    // Cy, who saw the entry, creates the document first in her own name, or writes in it.
    const id = newId();
    const room = roomName({ spaceId, kind: 'proposal', id });
    const index = await honest(port, space.spaceRoom, admin);
    addProposalSummary(index.doc, {
      id,
      title: 'Four-day week',
      status: 'draft',
      circleId: 'circle01',
      createdAt: clock,
      updatedAt: clock,
      authorId: admin.userId,
    });
    await waitFor(
      async () => spaceProposals(await stored(port, space.spaceRoom, admin)).has(id),
      'Ada’s proposal listed',
    );
    index.provider.destroy();
    const create = (by: Member) => (doc: Y.Doc) => {
      initProposal(doc, {
        id,
        spaceId,
        circleId: 'circle01',
        title: 'Four-day week',
        driver: '',
        createdBy: by === cy ? 'Cy' : 'Ada',
        authorId: by.userId,
        now: clock,
      });
    };
    await refusedAttack(room, 'WRITE-22', create(cy));
    await refusedAttack(room, 'WRITE-22', (doc) => proposalTitle(doc).insert(0, 'Cy first: '));

    // Ada's own creation (createProposal) goes in.
    const ada = await honest(port, room, admin);
    create(admin)(ada.doc);
    await waitFor(
      async () => readProposal(await stored(port, room, admin))?.authorId === admin.userId,
      'Ada’s proposal stored',
    );
    expect(proposalTitle(await stored(port, room, admin)).toString()).toBe('Four-day week');
    ada.provider.destroy();
  });

  it('WRITE-22 WRITE-12 a meeting the space lists as another member’s is created by that member only (its document arrives after its entry)', async () => {
    // Ada's web app lists the meeting in her own name, then opens its room: Cy, who saw
    // the entry, creates the document first as its creator (its facilitator), or joins it.
    const id = newId();
    const room = roomName({ spaceId, kind: 'meeting', id });
    const summary = {
      id,
      title: 'Retro',
      circleId: 'circle01',
      kind: 'governance' as const,
      startsAt: clock,
      status: 'upcoming' as const,
      updatedAt: clock,
    };
    // Listing it in someone else's name is refused (WRITE-12).
    await refusedAttack(space.spaceRoom, 'WRITE-12', (doc) =>
      addMeetingSummary(doc, { ...summary, createdBy: admin.userId }),
    );
    const index = await honest(port, space.spaceRoom, admin);
    addMeetingSummary(index.doc, { ...summary, createdBy: admin.userId });
    await waitFor(
      async () => spaceMeetings(await stored(port, space.spaceRoom, admin)).has(id),
      'Ada’s meeting listed',
    );
    // Nor does the entry's creator ever change.
    await refusedAttack(space.spaceRoom, 'WRITE-12', (doc) =>
      spaceMeetings(doc).get(id)?.set('createdBy', cy.userId),
    );
    // Nor its time or title, which nothing would set right again: only Ada edits her entry.
    await refusedAttack(space.spaceRoom, 'WRITE-12', (doc) =>
      updateMeetingSummary(doc, id, { startsAt: clock + 86_400_000, updatedAt: clock + 1 }),
    );
    index.provider.destroy();
    const create = (by: Member) => (doc: Y.Doc) =>
      doc.transact(() => {
        initMeeting(doc, {
          id,
          spaceId,
          title: 'Retro',
          circleId: 'circle01',
          kind: 'governance',
          startsAt: clock,
          createdBy: by.userId,
          now: clock,
        });
        joinMeeting(doc, {
          id: by.userId,
          name: by === cy ? 'Cy' : 'Ada',
          role: 'facilitator',
          now: clock,
        });
      });
    await refusedAttack(room, 'WRITE-22', create(cy));

    // Ada's own creation (NewMeetingForm) goes in, and she facilitates it.
    const ada = await honest(port, room, admin);
    create(admin)(ada.doc);
    await waitFor(
      async () => readMeeting(await stored(port, room, admin))?.createdBy === admin.userId,
      'Ada’s meeting stored',
    );
    ada.provider.destroy();
  });
});
