import { describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { change, seededSpace } from '../../test/governanceFixtures.ts';
import { applyChanges } from '../governance/applyChanges.ts';
import type {
  AddRoleChange,
  AmendChange,
  AssignChange,
  RemoveChange,
  UnassignChange,
} from '../governance/changes.ts';
import { deriveLedger } from './deriveLedger.ts';
import { ledgerInputOf } from './ledgerInput.ts';

const day = (iso: string) => Date.parse(`${iso}T00:00:00.000Z`);
const endOf = (iso: string) => Date.parse(`${iso}T23:59:59.999Z`);

function decide(doc: Y.Doc, decisionId: string, at: number, changes: unknown[]): void {
  const result = applyChanges(doc, changes as never, { decisionId, proposalId: null, at });
  if (result.type !== 'applied') throw new Error(`${decisionId}: ${JSON.stringify(result)}`);
}

const assign = (assignmentId: string, personId: string, termEnd: string | null) =>
  change<AssignChange>({
    type: 'person.assign',
    assignmentId,
    roleId: 'role02',
    personId,
    focus: '',
    termEnd,
  });
const unassign = (assignmentId: string, version: string) =>
  change<UnassignChange>({ type: 'person.unassign', assignmentId, version });
const amendTerm = (assignmentId: string, version: string, after: string) =>
  change<AmendChange>({
    type: 'record.amend',
    record: { kind: 'assignment', id: assignmentId },
    field: 'termEnd',
    version,
    before: null,
    after,
  });

/** The seeded space plus a role `role02` "Secretary" filled by Ana from 2025-01-01 (decision d1). */
function spaceWithSecretary(): Y.Doc {
  const doc = seededSpace();
  decide(doc, 'd1', day('2025-01-01'), [
    change<AddRoleChange>({
      type: 'role.add',
      roleId: 'role02',
      circleId: 'circle1',
      name: 'Secretary',
      purpose: '',
      elected: true,
    }),
    assign('asg002', 'user-ana', null),
  ]);
  return doc;
}

const roleLines = (doc: Y.Doc, now: number) =>
  deriveLedger(ledgerInputOf(doc, [], now))
    .filter((l) => l.kind === 'role-filled')
    .map((l) => [l.person, l.source.title, l.at, l.amount, l.detail.endedBy]);

describe('roles filled, from the governance history', () => {
  it('LEDGER-7 a holder replaced (as an election does) is credited from the decision that assigned them to the one that ended it', () => {
    const doc = spaceWithSecretary();
    const elected = day('2025-03-01');
    decide(doc, 'd2', elected, [
      unassign('asg002', 'd1'),
      assign('asg003', 'user-ben', '2025-12-31'),
    ]);
    const now = day('2026-06-01');
    expect(roleLines(doc, now)).toEqual([
      ['user-ben', 'Secretary', elected, endOf('2025-12-31') - elected, null],
      ['user-ana', 'Secretary', day('2025-01-01'), elected - day('2025-01-01'), 'd2'],
      // Assigned before the history was kept: from its creation to its term's end.
      ['user-awa', 'Editor', 1, now - 1, null],
    ]);
    // The term not yet over: credited up to now.
    const midTerm = day('2025-06-01');
    expect(roleLines(doc, midTerm)[0]).toEqual([
      'user-ben',
      'Secretary',
      elected,
      midTerm - elected,
      null,
    ]);
  });

  it('LEDGER-7 a term extended before it ends is one span; extended after it ended, a second span from the extension', () => {
    const doc = spaceWithSecretary();
    decide(doc, 'd2', day('2025-02-01'), [amendTerm('asg002', 'd1', '2025-03-31')]);
    decide(doc, 'd3', day('2025-03-15'), [amendTerm('asg002', 'd2', '2025-04-30')]);
    const renewed = day('2025-06-01');
    decide(doc, 'd4', renewed, [amendTerm('asg002', 'd3', '2025-09-30')]);
    const lines = roleLines(doc, day('2026-01-01')).filter((l) => l[0] === 'user-ana');
    expect(lines).toEqual([
      ['user-ana', 'Secretary', renewed, endOf('2025-09-30') - renewed, null],
      ['user-ana', 'Secretary', day('2025-01-01'), endOf('2025-04-30') - day('2025-01-01'), null],
    ]);
  });

  it('LEDGER-7 a role renamed then removed keeps crediting its holders under its last name; a conflicting decision changes nothing', () => {
    const doc = spaceWithSecretary();
    decide(doc, 'd2', day('2025-02-01'), [
      change<AmendChange>({
        type: 'record.amend',
        record: { kind: 'role', id: 'role02' },
        field: 'name',
        version: 'd1',
        before: 'Secretary',
        after: 'Scribe',
      }),
    ]);
    // Stale: asg002 was written by d1, not d0; nothing of it applies.
    const stale = applyChanges(doc, [unassign('asg002', 'd0')], {
      decisionId: 'd3',
      proposalId: null,
      at: day('2025-02-15'),
    });
    expect(stale.type).toBe('conflict');
    const removed = day('2025-03-01');
    decide(doc, 'd4', removed, [
      unassign('asg002', 'd1'),
      change<RemoveChange>({
        type: 'record.remove',
        record: { kind: 'role', id: 'role02' },
        version: 'd2',
      }),
    ]);
    expect(roleLines(doc, day('2026-01-01')).filter((l) => l[0] === 'user-ana')).toEqual([
      ['user-ana', 'Scribe', day('2025-01-01'), removed - day('2025-01-01'), 'd4'],
    ]);
  });
});
