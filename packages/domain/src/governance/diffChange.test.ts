import { describe, expect, it } from 'vitest';
import { change, seededSpace } from '../../test/governanceFixtures.ts';
import type {
  AddCircleChange,
  AddEntryChange,
  AddRoleChange,
  AmendChange,
  RemoveChange,
} from './changes.ts';
import { diffChange, diffChanges } from './diffChange.ts';

describe('diffChange', () => {
  it('GOV-8 an amendment reads before → after against the record as it is', () => {
    const space = seededSpace();
    const amend = change<AmendChange>({
      type: 'record.amend',
      record: { kind: 'role', id: 'role01' },
      field: 'purpose',
      version: 'd0',
      before: 'Clear pages',
      after: 'Pages anyone understands',
    });
    expect(diffChange(space, amend)).toEqual({
      changeId: amend.id,
      type: 'record.amend',
      record: { kind: 'role', id: 'role01' },
      label: 'Editor',
      fields: [
        {
          field: 'purpose',
          entryId: null,
          before: 'Clear pages',
          after: 'Pages anyone understands',
        },
      ],
      conflict: null,
    });
  });

  it('GOV-8 a stale amendment shows the conflict with the value now', () => {
    const space = seededSpace();
    const amend = change<AmendChange>({
      type: 'record.amend',
      record: { kind: 'role', id: 'role01' },
      field: 'name',
      version: 'older',
      before: 'Writer',
      after: 'Author',
    });
    const diff = diffChange(space, amend);
    expect(diff.fields).toEqual([
      { field: 'name', entryId: null, before: 'Writer', after: 'Author' },
    ]);
    expect(diff.conflict).toMatchObject({
      reason: 'stale',
      field: 'name',
      expected: 'older',
      actual: 'd0',
      current: 'Editor',
    });
  });

  it('GOV-8 a removal lists every field going; an addition every field coming', () => {
    const space = seededSpace();
    const remove = change<RemoveChange>({
      type: 'record.remove',
      record: { kind: 'policy', id: 'pol001' },
      version: 'd0',
    });
    expect(diffChange(space, remove).fields).toEqual([
      { field: 'circleId', entryId: null, before: 'circle1', after: null },
      { field: 'title', entryId: null, before: 'Publishing', after: null },
      { field: 'text', entryId: null, before: 'Two readers before publishing', after: null },
    ]);
    const add = change<AddEntryChange>({
      type: 'entry.add',
      owner: { kind: 'role', id: 'role01' },
      list: 'domains',
      entryId: 'dom001',
      text: 'The style guide',
    });
    expect(diffChange(space, add)).toMatchObject({
      label: 'Editor',
      fields: [{ field: 'domains', entryId: 'dom001', before: null, after: 'The style guide' }],
      conflict: null,
    });
  });

  it('GOV-7 a whole proposal is diffed as adoption applies it: a role in a circle it adds', () => {
    const space = seededSpace();
    const circle = change<AddCircleChange>({
      type: 'circle.add',
      circleId: 'circle2',
      parentId: 'anchor1',
      name: 'Events',
      purpose: '',
    });
    const role = change<AddRoleChange>({
      type: 'role.add',
      roleId: 'role02',
      circleId: 'circle2',
      name: 'Host',
      purpose: '',
      elected: false,
    });
    expect(diffChange(space, role).conflict).toMatchObject({
      reason: 'missing',
      record: { kind: 'circle', id: 'circle2' },
    });
    const diffs = diffChanges(space, [role, circle]);
    expect(diffs.map((d) => [d.changeId, d.label, d.conflict])).toEqual([
      [role.id, 'Host', null],
      [circle.id, 'Events', null],
    ]);
  });
});
