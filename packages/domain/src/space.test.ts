import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addProposalSummary,
  initSpace,
  listCircles,
  listProposals,
  readSpace,
  renameSpace,
  updateProposalSummary,
  type ProposalSummary,
} from './space.ts';

function newSpace(): { doc: Y.Doc; defaultCircleId: string } {
  const doc = new Y.Doc();
  const info = initSpace(doc, {
    id: 'space1',
    name: '  Coop   du Val ',
    circleName: 'General circle',
    now: 1000,
  });
  return { doc, defaultCircleId: info.defaultCircleId };
}

function summary(id: string, updatedAt: number, title = id): ProposalSummary {
  return { id, title, status: 'draft', circleId: 'c1', createdAt: 0, updatedAt };
}

describe('space document', () => {
  it('SPACE-1 creates a space with a cleaned name and a default circle', () => {
    const { doc, defaultCircleId } = newSpace();
    expect(readSpace(doc)).toEqual({
      id: 'space1',
      name: 'Coop du Val',
      createdAt: 1000,
      defaultCircleId,
    });
    expect(listCircles(doc)).toEqual([
      { id: defaultCircleId, name: 'General circle', purpose: '', createdAt: 1000 },
    ]);
  });

  it('SPACE-1 refuses empty or overlong names and a second space in one document', () => {
    const doc = new Y.Doc();
    expect(() => initSpace(doc, { id: 'space1', name: '   ', circleName: 'c', now: 0 })).toThrow(
      /space name/,
    );
    expect(() =>
      initSpace(doc, { id: 'space1', name: 'x'.repeat(121), circleName: 'c', now: 0 }),
    ).toThrow(/at most 120/);
    expect(() => initSpace(doc, { id: 'space1', name: 'ok', circleName: ' ', now: 0 })).toThrow(
      /circle name/,
    );
    expect(readSpace(doc)).toBeNull();
    initSpace(doc, { id: 'space1', name: 'ok', circleName: 'c', now: 0 });
    expect(() => initSpace(doc, { id: 'space2', name: 'again', circleName: 'c', now: 0 })).toThrow(
      /already/,
    );
  });

  it('SPACE-2 renames with the same rules', () => {
    const { doc } = newSpace();
    renameSpace(doc, ' Val  coop ');
    expect(readSpace(doc)?.name).toBe('Val coop');
    expect(() => renameSpace(doc, '')).toThrow(/must not be empty/);
  });

  it('SPACE-3 lists circles by name, then id', () => {
    const doc = new Y.Doc();
    const circles = doc.getMap<Y.Map<unknown>>('circles');
    for (const [id, name] of [
      ['b', 'Zeta'],
      ['c', 'Alpha'],
      ['a', 'Alpha'],
    ] as const) {
      circles.set(
        id,
        new Y.Map<unknown>([
          ['name', name],
          ['purpose', ''],
          ['createdAt', 0],
        ]),
      );
    }
    expect(listCircles(doc).map((c) => c.id)).toEqual(['a', 'c', 'b']);
  });

  it('SPACE-4 lists a proposal once', () => {
    const { doc } = newSpace();
    addProposalSummary(doc, summary('prop01', 5));
    expect(() => addProposalSummary(doc, summary('prop01', 6))).toThrow(/already listed/);
    expect(listProposals(doc)).toHaveLength(1);
  });

  it('SPACE-5 writes only changed fields and never moves updatedAt backwards', () => {
    const { doc } = newSpace();
    addProposalSummary(doc, summary('prop01', 50, 'Old'));
    let updates = 0;
    doc.on('update', () => updates++);
    updateProposalSummary(doc, 'prop01', { title: 'Old', updatedAt: 40 });
    expect(updates).toBe(0);
    updateProposalSummary(doc, 'prop01', { title: 'New', status: 'in-consent', updatedAt: 60 });
    expect(updates).toBe(1);
    expect(listProposals(doc)[0]).toMatchObject({
      title: 'New',
      status: 'in-consent',
      updatedAt: 60,
    });
    expect(() => updateProposalSummary(doc, 'missing', { title: 'x' })).toThrow(/not listed/);
  });

  it('SPACE-6 lists the most recently edited first, ties by id', () => {
    const { doc } = newSpace();
    addProposalSummary(doc, summary('propB', 10));
    addProposalSummary(doc, summary('propC', 30));
    addProposalSummary(doc, summary('propA', 10));
    expect(listProposals(doc).map((p) => p.id)).toEqual(['propC', 'propA', 'propB']);
  });

  it('SPACE-6 two replicas that list concurrently show the same order', () => {
    const { doc: a } = newSpace();
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    addProposalSummary(a, summary('propX', 10));
    addProposalSummary(b, summary('propY', 10));
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    expect(listProposals(a)).toEqual(listProposals(b));
    expect(listProposals(a).map((p) => p.id)).toEqual(['propX', 'propY']);
  });
});
