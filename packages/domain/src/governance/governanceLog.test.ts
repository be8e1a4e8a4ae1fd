import { describe, expect, it } from 'vitest';
import { change, seededSpace } from '../../test/governanceFixtures.ts';
import { applyChanges } from './applyChanges.ts';
import type { AddEntryChange, AmendChange, UnassignChange } from './changes.ts';
import {
  governanceLog,
  parseGovernanceUnit,
  readGovernanceUnit,
  recordHistory,
} from './governanceLog.ts';

const amendName = (after: string, version: string) =>
  change<AmendChange>({
    type: 'record.amend',
    record: { kind: 'role', id: 'role01' },
    field: 'name',
    version,
    before: null,
    after,
  });

describe('governance log', () => {
  it('GOV-10 a record’s history: oldest first by time, then decision id, each change field by field', () => {
    const space = seededSpace();
    applyChanges(space, [amendName('Writer', 'd0')], {
      decisionId: 'd2',
      proposalId: 'p2',
      at: 50,
    });
    const entry = change<AddEntryChange>({
      type: 'entry.add',
      owner: { kind: 'role', id: 'role01' },
      list: 'domains',
      entryId: 'dom001',
      text: 'The style guide',
    });
    applyChanges(space, [entry], { decisionId: 'd1', proposalId: null, at: 50 });
    applyChanges(space, [amendName('Author', 'd0')], {
      decisionId: 'd0b',
      proposalId: 'p3',
      at: 40,
    });
    const history = recordHistory(space, 'role01');
    expect(history.map((h) => [h.decisionId, h.at, h.fields])).toEqual([
      ['d1', 50, [{ field: 'domains', entryId: 'dom001', before: null, after: 'The style guide' }]],
      ['d2', 50, [{ field: 'name', entryId: null, before: 'Editor', after: 'Writer' }]],
    ]);
    // The stale amendment (d0b) conflicted: it is in the log, not in the history.
    expect(readGovernanceUnit(space, 'd0b')?.status).toBe('conflict');
    expect(history[1]).toMatchObject({ proposalId: 'p2', record: { kind: 'role', id: 'role01' } });
  });

  it('GOV-10 a removed record keeps its history, the removal with every field it had', () => {
    const space = seededSpace();
    const unassign = change<UnassignChange>({
      type: 'person.unassign',
      assignmentId: 'asg001',
      version: 'd0',
    });
    applyChanges(space, [unassign], { decisionId: 'd1', proposalId: 'p1', at: 70 });
    expect(recordHistory(space, 'asg001')).toMatchObject([
      {
        decisionId: 'd1',
        change: unassign,
        fields: [
          { field: 'roleId', before: 'role01', after: null },
          { field: 'personId', before: 'user-awa', after: null },
          { field: 'focus', before: '', after: null },
          { field: 'termEnd', before: '2027-06-30', after: null },
        ],
      },
    ]);
  });

  it('GOV-2 hostile log entries are left out, never thrown on', () => {
    const space = seededSpace();
    const log = governanceLog(space);
    log.set('x1', 'text');
    log.set('x2', { decisionId: 'x2', at: 'now', status: 'applied' });
    log.set('x3', { decisionId: 'other', at: 1, status: 'applied', changes: [] });
    log.set('x4', {
      decisionId: 'x4',
      at: 1,
      status: 'applied',
      changes: [
        null,
        { change: { type: 'nope' }, record: { kind: 'role', id: 'role01' } },
        {
          change: amendName('Ok', 'd0'),
          record: { kind: 'role', id: 'role01' },
          fields: [{ field: 'name', before: 1, after: 'Ok' }, 'junk'],
        },
      ],
      conflicts: [{ changeId: 'c', reason: 'weird' }],
    });
    expect(parseGovernanceUnit(log.get('x2'))).toBeNull();
    expect(readGovernanceUnit(space, 'x3')).toBeNull();
    expect(readGovernanceUnit(space, 'x4')?.conflicts).toEqual([]);
    expect(recordHistory(space, 'role01').map((h) => [h.decisionId, h.fields])).toEqual([
      ['x4', [{ field: 'name', entryId: null, before: null, after: 'Ok' }]],
    ]);
  });
});
