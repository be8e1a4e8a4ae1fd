import {
  addChange,
  initProposal,
  isAmendStep,
  listChanges,
  newId,
  nextStep,
  proposalFields,
  proposalTitle,
  roomName,
  startMeeting,
} from '@ronde/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CLOSE_CODES } from '../src/limits.ts';
import { tempDir, waitFor } from './helpers.ts';
import { deniedReasons, fold, honest, hostile, stored, type Member } from './hostileKit.ts';
import { seedHostileMeeting, startHostileSpace, type HostileSpace } from './hostileMeeting.ts';

/**
 * A proposal a meeting holds in consent (CONS-3) is amended only as the
 * process says (domain AMEND-1, server WRITE-8): by its proposer or a
 * facilitator, at "Amend and clarify" or "Integrate". A member editing the
 * text while the others record their positions would change what they
 * consent to, and the decision would keep the edited text.
 */
describe('hostile amendments of a proposal held by a meeting', () => {
  const dir = tempDir('ronde-hostile-amend-');
  let space: HostileSpace;
  let port: number;
  let admin: Member;
  let bea: Member;
  let cy: Member;
  let room: string;
  let proposalRoom: string;
  let clock = 1_700_000_000_000;

  beforeAll(async () => {
    space = await startHostileSpace(dir.path, (ms) => (clock += ms));
    ({ port, admin, bea, cy } = space);
    const spaceId = admin.spaceId;
    const proposalId = newId();
    proposalRoom = roomName({ spaceId, kind: 'proposal', id: proposalId });
    // Bea's proposal, on the agenda with Bea as its proposer.
    const proposal = await honest(port, proposalRoom, bea);
    initProposal(proposal.doc, {
      id: proposalId,
      spaceId,
      circleId: 'circle01',
      title: 'Shared tools',
      driver: 'Tools get lost',
      createdBy: 'Bea',
      authorId: bea.userId,
      now: clock,
    });
    await waitFor(
      async () => proposalFields(await stored(port, proposalRoom, admin)).has('id'),
      'the proposal stored',
    );
    proposal.provider.destroy();
    ({ room } = await seedHostileMeeting(space, {
      title: 'Governance',
      item: {
        kind: 'proposal',
        title: 'Shared tools',
        proposalId,
        process: 'consent',
        ownerId: bea.userId,
      },
    }));
    // Start, then walk to "Amend and clarify" (present, questions, reactions, amend).
    await space.act(admin, room, startMeeting);
    for (let i = 0; i < 4; i++) await space.act(admin, room, nextStep);
    expect(isAmendStep(fold(await stored(port, room, admin)))).toBe(true);
    await waitFor(async () => {
      const fields = proposalFields(await stored(port, proposalRoom, admin));
      return fields.get('status') === 'in-consent' && fields.has('consentMeetingId');
    }, 'the proposal taken up by the meeting (CONS-3)');
  }, 60_000);

  afterAll(async () => {
    await space.close();
    dir.remove();
  });

  const retitle = (text: string) => (doc: Y.Doc) => proposalTitle(doc).insert(0, text);
  /** A structured change the adoption would apply (GOV-8): a new role in the circle. */
  const addRole = (who: Member, name: string) => (doc: Y.Doc) =>
    addChange(doc, {
      id: newId(),
      type: 'role.add',
      by: who.userId,
      at: clock,
      roleId: newId(),
      circleId: 'circle01',
      name,
      purpose: 'Whatever its writer wants',
      elected: false,
    });

  /** `who` makes `edit` on a bare socket: refused 4409 under WRITE-8, nothing stored. */
  async function refusedEdit(who: Member, edit: (doc: Y.Doc) => void): Promise<void> {
    const before = await stored(port, proposalRoom, admin);
    const state = Y.encodeStateAsUpdate(before);
    const attacker = await hostile(port, proposalRoom, who, before);
    attacker.edit(edit);
    const closed = await attacker.client.closed;
    expect(closed.code).toBe(CLOSE_CODES.writeRefused);
    expect(deniedReasons(attacker.client).join(' ')).toContain('(WRITE-8)');
    expect(Y.encodeStateAsUpdate(await stored(port, proposalRoom, admin))).toEqual(state);
  }

  it('WRITE-8 AMEND-1 at the amend step only the proposer or a facilitator edits the text and its changes; a member is refused', async () => {
    await refusedEdit(cy, retitle('Cy was here: '));
    await refusedEdit(cy, addRole(cy, 'Cy’s own role'));
    // The proposer amends, as the web app's meeting view lets her (mayAmendText).
    const beaClient = await honest(port, proposalRoom, bea);
    proposalTitle(beaClient.doc).insert(0, 'Amended: ');
    addRole(bea, 'Tool keeper')(beaClient.doc);
    await waitFor(async () => {
      const doc = await stored(port, proposalRoom, admin);
      return (
        proposalTitle(doc).toString().startsWith('Amended: ') &&
        listChanges(doc).some((c) => c.type === 'role.add' && c.name === 'Tool keeper')
      );
    }, 'Bea’s amendment and her new change stored');
    expect(beaClient.provider.wsconnected).toBe(true);
    beaClient.provider.destroy();
  });

  it('WRITE-8 AMEND-1 during the consent round nobody edits the text or its changes, not even its proposer', async () => {
    await space.act(admin, room, nextStep);
    const state = fold(await stored(port, room, admin));
    expect(state.step?.kind).toBe('positions');
    expect(isAmendStep(state)).toBe(false);
    await refusedEdit(cy, retitle('Cy, while the others consent: '));
    await refusedEdit(bea, retitle('Bea, after the amend step: '));
    // The structured changes too: adopting the proposal applies them (GOV-8).
    await refusedEdit(cy, addRole(cy, 'Cy’s own role'));
    await refusedEdit(bea, addRole(bea, 'Bea’s late role'));
  });
});
