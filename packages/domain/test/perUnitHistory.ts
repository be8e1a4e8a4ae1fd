// The per-unit reading of a version (one token per UTF-16 unit, one run per
// unit, joined afterwards) that the history module used before it worked per
// Yjs item (SPEC HIST-7). Kept as a reference: the history fuzz test checks
// that the per-item reading gives exactly the same views, shares, plain text
// and diffs, and the versions bench (apps/server/bench/versions.bench.ts)
// times both in one run.
import * as Y from 'yjs';
import type { DiffBlock, DiffOp, DiffRun, VersionDiff } from '../src/history/diffVersions.ts';
import type {
  AuthoredBlock,
  AuthoredVersion,
  AuthorOf,
  AuthorShare,
} from '../src/history/versionText.ts';
import { VERSION_SECTIONS, type VersionSection } from '../src/history/versionTokens.ts';
import { proposalBody, proposalDriver, proposalTitle } from '../src/proposal.ts';

type Unit =
  | { readonly kind: 'char'; readonly key: string; readonly client: number; readonly ch: string }
  | {
      readonly kind: 'block';
      readonly key: string;
      readonly client: number;
      readonly type: string;
    };

export type UnitTokens = Readonly<Record<VersionSection, readonly Unit[]>>;

export function unitTokens(doc: Y.Doc): UnitTokens {
  const body: Unit[] = [];
  walk(proposalBody(doc), body, false);
  return { title: textUnits(proposalTitle(doc)), driver: textUnits(proposalDriver(doc)), body };
}

function textUnits(text: Y.Text | Y.XmlText, into: Unit[] = []): Unit[] {
  for (let item = text._start; item !== null; item = item.right) {
    if (item.deleted || !(item.content instanceof Y.ContentString)) continue;
    const { client, clock } = item.id;
    const str = item.content.str;
    for (let i = 0; i < str.length; i++) {
      into.push({ kind: 'char', key: `${client}:${clock + i}`, client, ch: str[i] as string });
    }
  }
  return into;
}

function walk(parent: Y.XmlFragment | Y.XmlElement, into: Unit[], inList: boolean): void {
  for (let item = parent._start; item !== null; item = item.right) {
    if (item.deleted || !(item.content instanceof Y.ContentType)) continue;
    const child = item.content.type;
    if (child instanceof Y.XmlElement) {
      const holdsText = child.toArray().some((node) => node instanceof Y.XmlText);
      const listed = inList || child.nodeName === 'listItem';
      if (holdsText) {
        const { client, clock } = item.id;
        const type = listed ? 'listItem' : child.nodeName;
        into.push({ kind: 'block', key: `${client}:${clock}`, client, type });
      }
      walk(child, into, listed);
    } else if (child instanceof Y.XmlText) textUnits(child, into);
  }
}

const isLow = (ch: string) => ch.charCodeAt(0) >= 0xdc00 && ch.charCodeAt(0) <= 0xdfff;

function join<R extends { text: string }>(runs: readonly R[], same: (a: R, b: R) => boolean): R[] {
  const out: R[] = [];
  for (const run of runs) {
    const last = out.at(-1);
    if (last !== undefined && same(last, run))
      out[out.length - 1] = { ...last, text: last.text + run.text };
    else out.push(run);
  }
  return out;
}

function blocksOf(units: readonly Unit[], fixed: string | null) {
  const blocks: { type: string; chars: Extract<Unit, { kind: 'char' }>[] }[] = [];
  for (const u of units) {
    if (u.kind === 'block') blocks.push({ type: fixed ?? u.type, chars: [] });
    else {
      if (blocks.length === 0) blocks.push({ type: fixed ?? 'paragraph', chars: [] });
      blocks.at(-1)!.chars.push(u);
    }
  }
  return blocks;
}

export function unitAuthoredVersion(tokens: UnitTokens, authorOf: AuthorOf): AuthoredVersion {
  const result = {} as Record<VersionSection, AuthoredBlock[]>;
  for (const section of VERSION_SECTIONS) {
    const fixed = section === 'body' ? null : 'text';
    result[section] = blocksOf(tokens[section], fixed).map((b) => ({
      type: b.type,
      runs: join(
        b.chars.map((c) => ({ text: c.ch, author: authorOf(c.client) })),
        (x, y) => x.author === y.author,
      ),
    }));
  }
  return result;
}

export function unitAuthorShares(tokens: UnitTokens, authorOf: AuthorOf): AuthorShare[] {
  const counts = new Map<string | null, number>();
  for (const section of VERSION_SECTIONS) {
    for (const u of tokens[section]) {
      if (u.kind !== 'char' || isLow(u.ch)) continue;
      const author = authorOf(u.client);
      counts.set(author, (counts.get(author) ?? 0) + 1);
    }
  }
  return [...counts]
    .map(([author, chars]) => ({ author, chars }))
    .sort(
      (a, b) =>
        b.chars - a.chars ||
        (a.author === null ? 1 : b.author === null ? -1 : a.author < b.author ? -1 : 1),
    );
}

export function unitPlainText(tokens: UnitTokens): string {
  return VERSION_SECTIONS.map((s) =>
    tokens[s].map((u) => (u.kind === 'char' ? u.ch : '\n')).join(''),
  ).join('\n\u0000\n');
}

export function unitDiff(from: UnitTokens, to: UnitTokens, authorOf: AuthorOf): VersionDiff {
  let inserted = 0;
  let deleted = 0;
  const sections = {} as Record<VersionSection, DiffBlock[]>;
  for (const section of VERSION_SECTIONS) {
    const a = from[section];
    const b = to[section];
    const inA = new Set(a.map((u) => u.key));
    const inB = new Set(b.map((u) => u.key));
    const merged: { u: Unit; op: DiffOp }[] = [];
    let i = 0;
    let j = 0;
    while (i < a.length || j < b.length) {
      const x = a[i];
      const y = b[j];
      if (x !== undefined && y !== undefined && x.key === y.key) {
        merged.push({ u: y, op: 'same' });
        i++;
        j++;
      } else if (x !== undefined && !inB.has(x.key)) {
        merged.push({ u: x, op: 'deleted' });
        i++;
      } else if (y !== undefined && !inA.has(y.key)) {
        merged.push({ u: y, op: 'inserted' });
        j++;
      } else {
        if (x !== undefined) merged.push({ u: x, op: 'deleted' });
        if (y !== undefined) merged.push({ u: y, op: 'inserted' });
        i++;
        j++;
      }
    }
    const blocks: { type: string; op: DiffOp; runs: DiffRun[] }[] = [];
    const fixed = section === 'body' ? null : 'text';
    for (const { u, op } of merged) {
      if (u.kind === 'block') {
        blocks.push({ type: fixed ?? u.type, op, runs: [] });
        continue;
      }
      if (op === 'inserted' && !isLow(u.ch)) inserted++;
      if (op === 'deleted' && !isLow(u.ch)) deleted++;
      if (blocks.length === 0) blocks.push({ type: fixed ?? 'paragraph', op: 'same', runs: [] });
      blocks.at(-1)!.runs.push({ text: u.ch, op, author: authorOf(u.client) });
    }
    sections[section] = blocks.map((bl) => ({
      ...bl,
      runs: join(bl.runs, (x, y) => x.op === y.op && x.author === y.author),
    }));
  }
  return { sections, counts: { inserted, deleted } };
}
