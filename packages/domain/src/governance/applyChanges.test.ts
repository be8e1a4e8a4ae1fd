import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { change, seededSpace } from '../../test/governanceFixtures.ts';
import { applyChanges, detectConflicts } from './applyChanges.ts';
import type {
  AddCircleChange,
  AddEntryChange,
  AddPolicyChange,
  AddRoleChange,
  AmendChange,
  AmendEntryChange,
  AssignChange,
  GovernanceChange,
  RemoveChange,
  RemoveEntryChange,
  UnassignChange,
} from './changes.ts';
import { governanceLog } from './governanceLog.ts';
import {
  assignmentsOf,
  circleTree,
  listCircleRecords,
  policiesOf,
  readCircle,
  readRole,
  rolesOf,
} from './readRecords.ts';

const prov = (decisionId: string, at = 1000) => ({ decisionId, proposalId: 'prop01', at });

const amend = (id: string, field: string, after: AmendChange['after'], version = 'd0') =>
  change<AmendChange>({
    type: 'record.amend',
    record: { kind: 'role', id },
    field,
    version,
    before: null,
    after,
  });

/** Everything a reader shows, to compare before and after. */
function records(doc: Y.Doc): unknown {
  const circles = listCircleRecords(doc);
  return {
    circles,
    roles: circles.map((c) => rolesOf(doc, c.id)),
    policies: circles.map((c) => policiesOf(doc, c.id)),
    assignments: circles.flatMap((c) => rolesOf(doc, c.id).map((r) => assignmentsOf(doc, r.id))),
  };
}

describe('applyChanges', () => {
  it('GOV-7 applies a proposal whatever the order its changes were written in', () => {
    const space = seededSpace();
    const changes: GovernanceChange[] = [
      change<AssignChange>({
        type: 'person.assign',
        assignmentId: 'asg002',
        roleId: 'role02',
        personId: 'user-bo',
        focus: '',
        termEnd: null,
      }),
      change<AddEntryChange>({
        type: 'entry.add',
        owner: { kind: 'role', id: 'role02' },
        list: 'accountabilities',
        entryId: 'acc002',
        text: 'Booking rooms',
      }),
      change<AddRoleChange>({
        type: 'role.add',
        roleId: 'role02',
        circleId: 'circle3',
        name: 'Host',
        purpose: '',
        elected: false,
      }),
      change<AddCircleChange>({
        type: 'circle.add',
        circleId: 'circle3',
        parentId: 'circle2',
        name: 'Venues',
        purpose: '',
      }),
      change<AddCircleChange>({
        type: 'circle.add',
        circleId: 'circle2',
        parentId: 'anchor1',
        name: 'Events',
        purpose: '',
      }),
    ];
    const result = applyChanges(space, changes, prov('d1'));
    expect(result.type).toBe('applied');
    const shape = circleTree(space).map((n) => [n.circle.id, n.children.map((c) => c.circle.id)]);
    expect(shape).toEqual([['anchor1', ['circle2', 'circle1']]]);
    expect(readCircle(space, 'circle3')?.parentId).toBe('circle2');
    expect(readRole(space, 'role02')?.accountabilities.map((a) => a.text)).toEqual([
      'Booking rooms',
    ]);
    expect(assignmentsOf(space, 'role02').map((a) => a.personId)).toEqual(['user-bo']);
  });

  it('GOV-7 removes a circle once its roles moved out, its policy and sub-circle went, in one unit', () => {
    const space = seededSpace();
    applyChanges(
      space,
      [
        change<AddCircleChange>({
          type: 'circle.add',
          circleId: 'circle4',
          parentId: 'circle1',
          name: 'Blog',
          purpose: '',
        }),
      ],
      prov('d1'),
    );
    const remove = (kind: 'circle' | 'policy', id: string, version: string) =>
      change<RemoveChange>({ type: 'record.remove', record: { kind, id }, version });
    const result = applyChanges(
      space,
      [
        remove('circle', 'circle1', 'd0'),
        remove('circle', 'circle4', 'd1'),
        amend('role01', 'circleId', 'anchor1'),
        remove('policy', 'pol001', 'd0'),
      ],
      prov('d2'),
    );
    expect(result.type).toBe('applied');
    expect(listCircleRecords(space).map((c) => c.id)).toEqual(['anchor1']);
    expect(rolesOf(space, 'anchor1').map((r) => r.id)).toEqual(['role01']);
  });

  it('GOV-8 GOV-9 two proposals on different fields of one role both apply; on the same field the second conflicts', () => {
    const space = seededSpace();
    expect(applyChanges(space, [amend('role01', 'name', 'Writer')], prov('d1')).type).toBe(
      'applied',
    );
    expect(applyChanges(space, [amend('role01', 'purpose', 'Words')], prov('d2')).type).toBe(
      'applied',
    );
    const late = amend('role01', 'name', 'Author');
    const result = applyChanges(space, [late], prov('d3'));
    expect(result).toEqual({
      type: 'conflict',
      decisionId: 'd3',
      conflicts: [
        {
          changeId: late.id,
          reason: 'stale',
          record: { kind: 'role', id: 'role01' },
          field: 'name',
          entryId: null,
          expected: 'd0',
          actual: 'd1',
          current: 'Writer',
        },
      ],
    });
    expect(readRole(space, 'role01')).toMatchObject({
      name: 'Writer',
      purpose: 'Words',
      version: 'd2',
      versions: { name: 'd1', purpose: 'd2', circleId: 'd0', elected: 'd0' },
    });
  });

  it('GOV-8 adding one accountability and amending another merge; amending one twice conflicts', () => {
    const space = seededSpace();
    const owner = { kind: 'role', id: 'role01' } as const;
    const add = change<AddEntryChange>({
      type: 'entry.add',
      owner,
      list: 'accountabilities',
      entryId: 'acc002',
      text: 'Checking links',
    });
    const reword = (after: string) =>
      change<AmendEntryChange>({
        type: 'entry.amend',
        owner,
        list: 'accountabilities',
        entryId: 'acc001',
        version: 'd0',
        before: 'Proofreading pages',
        after,
      });
    expect(applyChanges(space, [add], prov('d1')).type).toBe('applied');
    expect(applyChanges(space, [reword('Proofreading')], prov('d2')).type).toBe('applied');
    expect(readRole(space, 'role01')?.accountabilities).toEqual([
      { id: 'acc001', text: 'Proofreading', version: 'd2', addedAt: 1 },
      { id: 'acc002', text: 'Checking links', version: 'd1', addedAt: 1000 },
    ]);
    const again = applyChanges(space, [reword('Reading')], prov('d3'));
    expect(again.type === 'conflict' && again.conflicts[0]).toMatchObject({
      reason: 'stale',
      field: 'accountabilities',
      entryId: 'acc001',
      current: 'Proofreading',
    });
    const gone = change<RemoveEntryChange>({
      type: 'entry.remove',
      owner,
      list: 'domains',
      entryId: 'acc001',
      version: 'd0',
    });
    expect(detectConflicts(space, [gone])).toMatchObject([
      { reason: 'missing', field: 'domains', entryId: 'acc001' },
    ]);
  });

  it('GOV-8 names every reason a change cannot apply', () => {
    const space = seededSpace();
    const cases: [GovernanceChange, string][] = [
      [
        change<AddRoleChange>({
          type: 'role.add',
          roleId: 'role09',
          circleId: 'nowhere',
          name: 'X',
          purpose: '',
          elected: false,
        }),
        'missing',
      ],
      [
        change<AddPolicyChange>({
          type: 'policy.add',
          policyId: 'pol001',
          circleId: 'anchor1',
          title: 'T',
          text: '',
        }),
        'exists',
      ],
      [
        change<RemoveChange>({
          type: 'record.remove',
          record: { kind: 'circle', id: 'circle1' },
          version: 'd0',
        }),
        'not-empty',
      ],
      [
        change<RemoveChange>({
          type: 'record.remove',
          record: { kind: 'role', id: 'role01' },
          version: 'd0',
        }),
        'not-empty',
      ],
      [
        change<RemoveChange>({
          type: 'record.remove',
          record: { kind: 'circle', id: 'anchor1' },
          version: '',
        }),
        'anchor',
      ],
      [
        change<AmendChange>({
          type: 'record.amend',
          record: { kind: 'circle', id: 'anchor1' },
          field: 'parentId',
          version: '',
          before: null,
          after: 'circle1',
        }),
        'anchor',
      ],
      [
        change<AmendChange>({
          type: 'record.amend',
          record: { kind: 'circle', id: 'circle1' },
          field: 'parentId',
          version: 'd0',
          before: 'anchor1',
          after: 'circle1',
        }),
        'cycle',
      ],
      [
        change<UnassignChange>({ type: 'person.unassign', assignmentId: 'asg001', version: 'd9' }),
        'stale',
      ],
    ];
    for (const [c, reason] of cases) {
      expect(
        detectConflicts(space, [c]).map((x) => x.reason),
        c.type,
      ).toEqual([reason]);
    }
    const twice = [amend('role01', 'name', 'A'), amend('role01', 'name', 'B')];
    expect(detectConflicts(space, twice)).toMatchObject([
      { changeId: twice[1]!.id, reason: 'duplicate' },
    ]);
    const removeAndAmend: GovernanceChange[] = [
      amend('role01', 'purpose', 'P'),
      change<RemoveChange>({
        type: 'record.remove',
        record: { kind: 'role', id: 'role01' },
        version: 'd0',
      }),
    ];
    expect(detectConflicts(space, removeAndAmend)).toMatchObject([
      { changeId: removeAndAmend[1]!.id, reason: 'duplicate' },
    ]);
    const invalid = { ...amend('role01', 'name', ''), after: '' } as GovernanceChange;
    expect(detectConflicts(space, [invalid])).toMatchObject([
      { changeId: invalid.id, reason: 'invalid' },
    ]);
  });

  it('GOV-9 with one conflict nothing is applied, and the decision never applies later', () => {
    const space = seededSpace();
    const before = records(space);
    const changes: GovernanceChange[] = [
      amend('role01', 'purpose', 'Fine'),
      change<AddCircleChange>({
        type: 'circle.add',
        circleId: 'circle7',
        parentId: 'anchor1',
        name: 'New',
        purpose: '',
      }),
      amend('role01', 'name', 'Stale', 'older'),
    ];
    expect(detectConflicts(space, changes)).toHaveLength(1);
    const result = applyChanges(space, changes, prov('d1'));
    expect(result.type).toBe('conflict');
    expect(records(space)).toEqual(before);
    const retry = applyChanges(space, [changes[0]!], prov('d1'));
    expect(retry.type === 'already-applied' && retry.unit?.status).toBe('conflict');
    expect(records(space)).toEqual(before);
  });

  it('GOV-10 each applied change stamps its decision, and the log keeps it field by field', () => {
    const space = seededSpace();
    const role = change<AddRoleChange>({
      type: 'role.add',
      roleId: 'role05',
      circleId: 'anchor1',
      name: 'Facilitator',
      purpose: 'Meetings',
      elected: true,
    });
    applyChanges(space, [role], prov('d1', 500));
    expect(readRole(space, 'role05')).toMatchObject({
      createdAt: 500,
      createdBy: 'd1',
      version: 'd1',
      versions: { name: 'd1', purpose: 'd1', circleId: 'd1', elected: 'd1' },
    });
    const unit = governanceLog(space).get('d1') as Record<string, unknown>;
    expect(unit).toMatchObject({
      decisionId: 'd1',
      proposalId: 'prop01',
      at: 500,
      status: 'applied',
    });
    expect(unit.changes).toEqual([
      {
        change: role,
        record: { kind: 'role', id: 'role05' },
        fields: [
          { field: 'circleId', entryId: null, before: null, after: 'anchor1' },
          { field: 'name', entryId: null, before: null, after: 'Facilitator' },
          { field: 'purpose', entryId: null, before: null, after: 'Meetings' },
          { field: 'elected', entryId: null, before: null, after: true },
        ],
      },
    ]);
  });

  it('GOV-11 applying a decision twice applies it once and writes nothing the second time', () => {
    const space = seededSpace();
    const changes = [amend('role01', 'purpose', 'Once')];
    const updates: Uint8Array[] = [];
    space.on('update', (u: Uint8Array) => updates.push(u));
    space.transact(() => {
      expect(applyChanges(space, changes, prov('d1')).type).toBe('applied');
    });
    expect(updates).toHaveLength(1);
    const again = applyChanges(space, changes, prov('d1'));
    expect(again).toMatchObject({ type: 'already-applied', unit: { status: 'applied' } });
    expect(updates).toHaveLength(1);
  });

  it('GOV-11 a decision applied on two replicas at once merges into one', () => {
    const a = seededSpace();
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    const changes = [
      amend('role01', 'purpose', 'Once'),
      change<AddEntryChange>({
        type: 'entry.add',
        owner: { kind: 'circle', id: 'anchor1' },
        list: 'domains',
        entryId: 'dom009',
        text: 'The bank account',
      }),
    ];
    applyChanges(a, changes, prov('d1'));
    applyChanges(b, changes, prov('d1'));
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    expect(records(a)).toEqual(records(b));
    expect(readCircle(a, 'anchor1')?.domains).toHaveLength(1);
    expect([...governanceLog(a).keys()]).toEqual(['d1']);
  });
});
