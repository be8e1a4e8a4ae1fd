import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { GovernanceChange } from './changes.ts';
import { cleanFieldValue, parseChange } from './parseChange.ts';

const base = { id: 'chg0001', by: 'user-awa', at: 5 };

const valid: GovernanceChange[] = [
  {
    ...base,
    type: 'circle.add',
    circleId: 'circle9',
    parentId: 'anchor1',
    name: 'Ops',
    purpose: '',
  },
  {
    ...base,
    type: 'role.add',
    roleId: 'role09',
    circleId: 'anchor1',
    name: 'Facilitator',
    purpose: 'Meetings',
    elected: true,
  },
  { ...base, type: 'policy.add', policyId: 'pol009', circleId: 'anchor1', title: 'T', text: '' },
  {
    ...base,
    type: 'record.amend',
    record: { kind: 'role', id: 'role01' },
    field: 'purpose',
    version: 'd0',
    before: 'Old',
    after: 'New',
  },
  {
    ...base,
    type: 'record.amend',
    record: { kind: 'assignment', id: 'asg001' },
    field: 'termEnd',
    version: '',
    before: '2027-06-30',
    after: null,
  },
  { ...base, type: 'record.remove', record: { kind: 'policy', id: 'pol001' }, version: 'd0' },
  {
    ...base,
    type: 'entry.add',
    owner: { kind: 'circle', id: 'anchor1' },
    list: 'domains',
    entryId: 'dom001',
    text: 'The bank account',
  },
  {
    ...base,
    type: 'entry.amend',
    owner: { kind: 'role', id: 'role01' },
    list: 'accountabilities',
    entryId: 'acc001',
    version: 'd0',
    before: 'a',
    after: 'b',
  },
  {
    ...base,
    type: 'entry.remove',
    owner: { kind: 'role', id: 'role01' },
    list: 'accountabilities',
    entryId: 'acc001',
    version: 'd0',
  },
  {
    ...base,
    type: 'person.assign',
    assignmentId: 'asg009',
    roleId: 'role01',
    personId: 'user-bo',
    focus: 'Newsletter',
    termEnd: '2027-12-31',
  },
  { ...base, type: 'person.unassign', assignmentId: 'asg001', version: 'd0' },
];

describe('parseChange', () => {
  it('GOV-6 reads every kind of valid change as it was written', () => {
    for (const change of valid) expect(parseChange(change)).toEqual(change);
    // Through a Y.Map, as the proposal document stores it.
    const doc = new Y.Doc();
    const map = doc.getMap<Y.Map<unknown>>('changes');
    for (const change of valid) {
      map.set(change.type, new Y.Map<unknown>(Object.entries(change)));
      expect(parseChange(map.get(change.type)!.toJSON())).toEqual(change);
    }
  });

  it('GOV-6 is total: hostile values are refused, never thrown on', () => {
    const hostile: unknown[] = [
      null,
      undefined,
      42,
      'circle.add',
      [],
      [valid[0]],
      { ...valid[0], type: 'circle.rename' },
      { ...valid[0], id: '../x' },
      { ...valid[0], at: Number.NaN },
      { ...valid[0], at: '5' },
      { ...valid[0], parentId: 'a/b' },
      { ...valid[0], name: '   ' },
      { ...valid[0], name: 'x'.repeat(121) },
      { ...valid[0], purpose: 'x'.repeat(2001) },
      { ...valid[1], elected: 'yes' },
      { ...valid[2], text: 'x'.repeat(20001) },
      { ...valid[3], field: 'id' },
      { ...valid[3], field: 'toString' },
      { ...valid[3], field: '__proto__' },
      { ...valid[3], record: { kind: 'meeting', id: 'role01' } },
      { ...valid[3], record: null },
      { ...valid[3], version: 3 },
      { ...valid[3], before: { nested: true } },
      { ...valid[3], after: 12 },
      { ...valid[4], after: '2027-02-30' },
      { ...valid[5], record: { kind: 'assignment', id: 'asg001' } },
      { ...valid[6], owner: { kind: 'policy', id: 'pol001' } },
      { ...valid[6], list: 'powers' },
      { ...valid[6], text: 'x'.repeat(501) },
      { ...valid[6], text: '' },
      { ...valid[7], before: null },
      { ...valid[8], entryId: '' },
      { ...valid[9], personId: '' },
      { ...valid[9], termEnd: 'next year' },
      { ...valid[9], focus: 'x'.repeat(201) },
      { ...valid[10], version: undefined },
    ];
    for (const raw of hostile) expect(parseChange(raw), JSON.stringify(raw)).toBeNull();
  });

  it('GOV-6 cleans names and entry texts to one line, keeps other texts as written', () => {
    const change = parseChange({ ...valid[1], name: '  Lead \n link ', purpose: ' two\nlines ' });
    expect(change).toMatchObject({ name: 'Lead link', purpose: ' two\nlines ' });
    expect(parseChange({ ...valid[6], text: ' a \n b ' })).toMatchObject({ text: 'a b' });
    expect(cleanFieldValue('date', null)).toBeNull();
    expect(cleanFieldValue('date', '2028-02-29')).toBe('2028-02-29');
    expect(cleanFieldValue('flag', 0)).toBeUndefined();
    expect(cleanFieldValue('id', 'circle1')).toBe('circle1');
  });
});
