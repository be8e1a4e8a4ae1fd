import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { diffVersions } from '../src/history/diffVersions.ts';
import { authoredVersion, authorShares, versionPlainText } from '../src/history/versionText.ts';
import { versionTokens } from '../src/history/versionTokens.ts';
import { proposalBody, proposalDriver, proposalTitle } from '../src/proposal.ts';
import {
  unitAuthoredVersion,
  unitAuthorShares,
  unitDiff,
  unitPlainText,
  unitTokens,
} from './perUnitHistory.ts';
import { fuzzSeed, prng, type Prng } from './prng.ts';

const RUNS = Number(process.env.FUZZ_RUNS ?? 10);
const STEPS = Number(process.env.FUZZ_STEPS ?? 200);
const WORDS = ['a', 'bike ', 'racks ', 'été ', '🚲', 'x', 'Zoë 🌍 ', '\n'];
const authorOf = (client: number) => ({ 1: 'ada', 2: 'bea' })[client] ?? null;

function paragraph(type: string, text: string): Y.XmlElement {
  const p = new Y.XmlElement(type);
  p.insert(0, [new Y.XmlText(text)]);
  return p;
}

/** The text nodes of the body, in document order, list items included. */
function textNodes(parent: Y.XmlFragment | Y.XmlElement, into: Y.XmlText[] = []): Y.XmlText[] {
  for (const child of parent.toArray()) {
    if (child instanceof Y.XmlText) into.push(child);
    else if (child instanceof Y.XmlElement) textNodes(child, into);
  }
  return into;
}

/** One random edit: typing, deleting, formatting, new blocks (list items too), removed blocks. */
function edit(random: Prng, doc: Y.Doc): void {
  const body = proposalBody(doc);
  const nodes = textNodes(body);
  const target: Y.Text | Y.XmlText = random.chance(0.15)
    ? proposalTitle(doc)
    : random.chance(0.15)
      ? proposalDriver(doc)
      : nodes.length > 0
        ? random.pick(nodes)
        : proposalTitle(doc);
  const choice = random.int(0, 9);
  if (choice <= 4) {
    target.insert(random.int(0, target.length), random.pick(WORDS));
  } else if (choice <= 6 && target.length > 0) {
    const at = random.int(0, target.length - 1);
    target.delete(at, random.int(1, Math.min(6, target.length - at)));
  } else if (choice === 7 && target.length > 1) {
    target.format(random.int(0, target.length - 2), 2, { bold: true });
  } else if (choice === 8) {
    const block = random.chance(0.3)
      ? (() => {
          const list = new Y.XmlElement('bulletList');
          const item = new Y.XmlElement('listItem');
          item.insert(0, [paragraph('paragraph', random.pick(WORDS))]);
          list.insert(0, [item]);
          return list;
        })()
      : paragraph(random.chance(0.2) ? 'heading' : 'paragraph', random.pick(WORDS));
    body.insert(random.int(0, body.length), [block]);
  } else if (body.length > 1) {
    body.delete(random.int(0, body.length - 1), 1);
  }
}

describe('history fuzz', () => {
  it('HIST-7 reading per Yjs item gives exactly the per-unit views, shares, plain text and diffs', () => {
    for (let run = 0; run < RUNS; run++) {
      const seed = fuzzSeed();
      const random = prng(seed);
      const ada = new Y.Doc();
      ada.clientID = 1;
      const bea = new Y.Doc();
      bea.clientID = 2;
      const cai = new Y.Doc();
      cai.clientID = 3; // bound to nobody
      const docs = [ada, bea, cai];
      const states: Uint8Array[] = [];
      for (let step = 0; step < STEPS; step++) {
        edit(random, random.pick(docs));
        if (random.chance(0.3)) {
          const [a, b] = [random.pick(docs), random.pick(docs)];
          Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
        }
        if (random.chance(0.1)) states.push(Y.encodeStateAsUpdate(random.pick(docs)));
      }
      states.push(Y.encodeStateAsUpdate(ada));
      const read = states.map((state) => {
        const doc = new Y.Doc({ gc: random.chance(0.5) });
        Y.applyUpdate(doc, state);
        return { items: versionTokens(doc), units: unitTokens(doc) };
      });
      for (const { items, units } of read) {
        expect(authoredVersion(items, authorOf), `seed ${seed}`).toEqual(
          unitAuthoredVersion(units, authorOf),
        );
        expect(authorShares(items, authorOf), `seed ${seed}`).toEqual(
          unitAuthorShares(units, authorOf),
        );
        expect(versionPlainText(items), `seed ${seed}`).toBe(unitPlainText(units));
      }
      let diffsWithChanges = 0;
      for (let k = 0; k < 6; k++) {
        const from = random.pick(read);
        const to = random.pick(read);
        const diff = diffVersions(from.items, to.items, authorOf);
        expect(diff, `seed ${seed}`).toEqual(unitDiff(from.units, to.units, authorOf));
        if (diff.counts.inserted + diff.counts.deleted > 0) diffsWithChanges++;
      }
      // Versions taken from different replicas differ both ways too.
      const cross = diffVersions(read[0]!.items, read.at(-1)!.items, authorOf);
      expect(cross, `seed ${seed}`).toEqual(unitDiff(read[0]!.units, read.at(-1)!.units, authorOf));
      expect(diffsWithChanges + cross.counts.inserted, `seed ${seed}`).toBeGreaterThan(0);
    }
  });
});
