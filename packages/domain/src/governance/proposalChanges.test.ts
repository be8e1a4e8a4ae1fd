import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { seededSpace } from '../../test/governanceFixtures.ts';
import type { AddRoleChange, AmendChange } from './changes.ts';
import {
  draftAmend,
  draftAmendEntry,
  draftRemove,
  draftRemoveEntry,
  draftUnassign,
} from './draftChanges.ts';
import {
  addChange,
  listChanges,
  proposalChanges,
  removeChange,
  updateChange,
} from './proposalChanges.ts';

const meta = (id: string, at = 10) => ({ id, by: 'user-awa', at });

function addRole(doc: Y.Doc, id: string, at: number): AddRoleChange {
  return addChange(doc, {
    ...meta(id, at),
    type: 'role.add',
    roleId: `r-${id}`,
    circleId: 'anchor1',
    name: 'Facilitator',
    purpose: '',
    elected: true,
  }) as AddRoleChange;
}

describe('proposal changes', () => {
  it('GOV-5 changes are listed by time then id; edits and removals follow', () => {
    const doc = new Y.Doc();
    addRole(doc, 'chgB01', 2);
    addRole(doc, 'chgC01', 1);
    addRole(doc, 'chgA01', 2);
    expect(listChanges(doc).map((c) => c.id)).toEqual(['chgC01', 'chgA01', 'chgB01']);
    updateChange(doc, 'chgA01', { name: '  Lead   link ', at: 0 });
    expect(listChanges(doc)[0]).toMatchObject({ id: 'chgA01', name: 'Lead link' });
    removeChange(doc, 'chgB01');
    expect(listChanges(doc).map((c) => c.id)).toEqual(['chgA01', 'chgC01']);
  });

  it('GOV-5 refuses invalid changes, a second change with one id, and edits to id or type', () => {
    const doc = new Y.Doc();
    addRole(doc, 'chgA01', 1);
    expect(() => addRole(doc, 'chgA01', 1)).toThrow(/already/);
    expect(() => updateChange(doc, 'chgA01', { name: '' })).toThrow(RangeError);
    expect(() => updateChange(doc, 'missing', { name: 'x' })).toThrow(/not there/);
    updateChange(doc, 'chgA01', { type: 'policy.add', id: 'other1' });
    expect(listChanges(doc)).toMatchObject([{ id: 'chgA01', type: 'role.add' }]);
    expect(() =>
      addChange(doc, {
        ...meta('bad/id'),
        type: 'person.unassign',
        assignmentId: 'asg001',
        version: '',
      }),
    ).toThrow(RangeError);
  });

  it('GOV-5 a stored value that is not a valid change, or filed under another key, is left out', () => {
    const doc = new Y.Doc();
    addRole(doc, 'chgA01', 1);
    const changes = proposalChanges(doc) as Y.Map<unknown>;
    changes.set('junk01', 'text');
    changes.set('junk02', new Y.Map<unknown>([['type', 'role.add']]));
    const moved = (changes.get('chgA01') as Y.Map<unknown>).toJSON();
    changes.set('chgZ01', new Y.Map<unknown>(Object.entries(moved)));
    expect(listChanges(doc).map((c) => c.id)).toEqual(['chgA01']);
  });

  it('GOV-5 two people editing different fields of one change merge', () => {
    const a = new Y.Doc();
    addRole(a, 'chgA01', 1);
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    updateChange(a, 'chgA01', { name: 'Secretary' });
    updateChange(b, 'chgA01', { purpose: 'Memory of the circle' });
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    for (const doc of [a, b]) {
      expect(listChanges(doc)[0]).toMatchObject({
        name: 'Secretary',
        purpose: 'Memory of the circle',
      });
    }
  });

  it('GOV-5 drafts carry the version and value of the record as it is now', () => {
    const space = seededSpace();
    const amend = draftAmend(
      space,
      { kind: 'role', id: 'role01' },
      'purpose',
      'New',
      meta('chg-1'),
    );
    expect(amend).toEqual({
      type: 'record.amend',
      ...meta('chg-1'),
      record: { kind: 'role', id: 'role01' },
      field: 'purpose',
      version: 'd0',
      before: 'Clear pages',
      after: 'New',
    } satisfies AmendChange);
    const anchor = draftAmend(
      space,
      { kind: 'circle', id: 'anchor1' },
      'purpose',
      'x',
      meta('chg-2'),
    );
    expect(anchor).toMatchObject({ version: '', before: '' });
    expect(
      draftAmend(space, { kind: 'role', id: 'gone01' }, 'name', 'x', meta('chg-3')),
    ).toBeNull();
    expect(draftRemove(space, { kind: 'policy', id: 'pol001' }, meta('chg-4'))).toMatchObject({
      version: 'd0',
    });
    expect(draftUnassign(space, 'asg001', meta('chg-5'))).toMatchObject({ version: 'd0' });
    const owner = { kind: 'role', id: 'role01' } as const;
    expect(
      draftAmendEntry(space, owner, 'accountabilities', 'acc001', 'Proofreading', meta('chg-6')),
    ).toMatchObject({ version: 'd0', before: 'Proofreading pages', after: 'Proofreading' });
    expect(
      draftRemoveEntry(space, owner, 'accountabilities', 'acc001', meta('chg-7')),
    ).toMatchObject({
      version: 'd0',
    });
    expect(draftRemoveEntry(space, owner, 'domains', 'acc001', meta('chg-8'))).toBeNull();
  });
});
