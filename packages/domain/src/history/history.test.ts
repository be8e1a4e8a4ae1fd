import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { proposalBody, proposalDriver, proposalTitle } from '../proposal.ts';
import { diffVersions } from './diffVersions.ts';
import { normalizeVersionName } from './versionMeta.ts';
import { authoredVersion, authorShares, versionPlainText } from './versionText.ts';
import { versionTokens } from './versionTokens.ts';

/** Two replicas of one proposal, synced by hand; `ada` has client 1, `bea` client 2. */
function pair() {
  const ada = new Y.Doc();
  ada.clientID = 1;
  const bea = new Y.Doc();
  bea.clientID = 2;
  const sync = () => {
    Y.applyUpdate(bea, Y.encodeStateAsUpdate(ada, Y.encodeStateVector(bea)));
    Y.applyUpdate(ada, Y.encodeStateAsUpdate(bea, Y.encodeStateVector(ada)));
  };
  return { ada, bea, sync };
}

function paragraph(text: string): Y.XmlElement {
  const p = new Y.XmlElement('paragraph');
  p.insert(0, [new Y.XmlText(text)]);
  return p;
}

/** A copy of the doc's state now, as the server would store it (gc on). */
function snapshot(doc: Y.Doc): Y.Doc {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  return copy;
}

const authorOf = (client: number) => ({ 1: 'ada', 2: 'bea' })[client] ?? null;

describe('history', () => {
  it('HIST-1 each passage is coloured by the client that wrote it, in title, driver and body', () => {
    const { ada, bea, sync } = pair();
    proposalTitle(ada).insert(0, 'Bikes');
    proposalDriver(ada).insert(0, 'No room');
    proposalBody(ada).insert(0, [paragraph('We buy racks.')]);
    sync();
    const text = (proposalBody(bea).get(0) as Y.XmlElement).get(0) as Y.XmlText;
    text.insert(7, 'two ');
    proposalTitle(bea).insert(5, ' racks');
    const list = new Y.XmlElement('bulletList');
    const item = new Y.XmlElement('listItem');
    item.insert(0, [paragraph('Budget 200')]);
    list.insert(0, [item]);
    proposalBody(bea).insert(1, [list]);
    const view = authoredVersion(versionTokens(snapshot(bea)), authorOf);
    expect(view.title).toEqual([
      {
        type: 'text',
        runs: [
          { text: 'Bikes', author: 'ada' },
          { text: ' racks', author: 'bea' },
        ],
      },
    ]);
    expect(view.driver).toEqual([{ type: 'text', runs: [{ text: 'No room', author: 'ada' }] }]);
    expect(view.body).toEqual([
      {
        type: 'paragraph',
        runs: [
          { text: 'We buy ', author: 'ada' },
          { text: 'two ', author: 'bea' },
          { text: 'racks.', author: 'ada' },
        ],
      },
      { type: 'listItem', runs: [{ text: 'Budget 200', author: 'bea' }] },
    ]);
  });

  it('HIST-1 deleted text, formatting marks and unbound clients: what shows is what is there', () => {
    const doc = new Y.Doc();
    doc.clientID = 7;
    const title = proposalTitle(doc);
    title.insert(0, 'Hello world');
    title.format(0, 5, { bold: true });
    title.delete(5, 6);
    const view = authoredVersion(versionTokens(snapshot(doc)), authorOf);
    expect(view.title).toEqual([{ type: 'text', runs: [{ text: 'Hello', author: null }] }]);
    expect(view.body).toEqual([]);
  });

  it('HIST-2 the diff of two versions names insertions and deletions by id, with their authors', () => {
    const { ada, bea, sync } = pair();
    proposalBody(ada).insert(0, [paragraph('Keep this. Drop that.')]);
    sync();
    const v1 = versionTokens(snapshot(bea));
    const text = (proposalBody(bea).get(0) as Y.XmlElement).get(0) as Y.XmlText;
    text.delete(11, 10);
    text.insert(11, 'Add mine.');
    proposalBody(bea).insert(1, [paragraph('New one')]);
    const diff = diffVersions(v1, versionTokens(snapshot(bea)), authorOf);
    expect(diff.counts).toEqual({ inserted: 16, deleted: 10 });
    expect(diff.sections.body).toEqual([
      {
        type: 'paragraph',
        op: 'same',
        runs: [
          { text: 'Keep this. ', op: 'same', author: 'ada' },
          { text: 'Drop that.', op: 'deleted', author: 'ada' },
          { text: 'Add mine.', op: 'inserted', author: 'bea' },
        ],
      },
      {
        type: 'paragraph',
        op: 'inserted',
        runs: [{ text: 'New one', op: 'inserted', author: 'bea' }],
      },
    ]);
    // The same text retyped is not the same text: ids decide, so a retype shows as both.
    const again = diffVersions(v1, v1, authorOf);
    expect(again.counts).toEqual({ inserted: 0, deleted: 0 });
  });

  it('HIST-2 a removed paragraph shows as deleted; a diff backwards swaps the two', () => {
    const doc = new Y.Doc();
    doc.clientID = 1;
    proposalBody(doc).insert(0, [paragraph('One'), paragraph('Two')]);
    const v1 = versionTokens(snapshot(doc));
    proposalBody(doc).delete(1, 1);
    const v2 = versionTokens(snapshot(doc));
    const forward = diffVersions(v1, v2, authorOf);
    expect(forward.sections.body.map((b) => b.op)).toEqual(['same', 'deleted']);
    expect(forward.counts).toEqual({ inserted: 0, deleted: 3 });
    expect(diffVersions(v2, v1, authorOf).counts).toEqual({ inserted: 3, deleted: 0 });
  });

  it('HIST-3 shares count surviving code points per author, most first, unbound last', () => {
    const { ada, bea, sync } = pair();
    proposalTitle(ada).insert(0, 'Racks 🚲');
    sync();
    proposalTitle(bea).insert(0, 'Two ');
    proposalTitle(bea).delete(4, 2); // two of Ada's
    const stranger = new Y.Doc();
    stranger.clientID = 3;
    Y.applyUpdate(stranger, Y.encodeStateAsUpdate(bea));
    proposalDriver(stranger).insert(0, 'x');
    expect(authorShares(versionTokens(snapshot(stranger)), authorOf)).toEqual([
      { author: 'ada', chars: 5 },
      { author: 'bea', chars: 4 },
      { author: null, chars: 1 },
    ]);
  });

  it('HIST-1 the plain text compares versions: a format change alone is no change', () => {
    const doc = new Y.Doc();
    proposalTitle(doc).insert(0, 'Same');
    const before = versionPlainText(versionTokens(snapshot(doc)));
    proposalTitle(doc).format(0, 4, { italic: true });
    expect(versionPlainText(versionTokens(snapshot(doc)))).toBe(before);
    proposalTitle(doc).insert(4, '!');
    expect(versionPlainText(versionTokens(snapshot(doc)))).not.toBe(before);
  });

  it('HIST-5 a version name is normalised; empty, too long or with control characters it is refused', () => {
    expect(normalizeVersionName('  Before   the vote ')).toBe('Before the vote');
    expect(normalizeVersionName('   ')).toBeNull();
    expect(normalizeVersionName('x'.repeat(81))).toBeNull();
    expect(normalizeVersionName('é'.repeat(80))).toBe('é'.repeat(80));
    expect(normalizeVersionName('a\u202eb')).toBeNull();
    expect(normalizeVersionName('a\u0000b')).toBeNull();
  });
});
