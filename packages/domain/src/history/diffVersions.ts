import { codePoints, joinRuns, type AuthorOf } from './versionText.ts';
import {
  VERSION_SECTIONS,
  type VersionSection,
  type VersionToken,
  type VersionTokens,
} from './versionTokens.ts';

/** What happened to a stretch of text between two versions. */
export type DiffOp = 'same' | 'inserted' | 'deleted';

export interface DiffRun {
  readonly text: string;
  readonly op: DiffOp;
  readonly author: string | null;
}

/** A block of the merged text; `op` says whether the block itself (its break) is new or gone. */
export interface DiffBlock {
  readonly type: string;
  readonly op: DiffOp;
  readonly runs: readonly DiffRun[];
}

export interface DiffCounts {
  /** Code points inserted and deleted, over every section. */
  readonly inserted: number;
  readonly deleted: number;
}

export interface VersionDiff {
  readonly sections: Readonly<Record<VersionSection, readonly DiffBlock[]>>;
  readonly counts: DiffCounts;
}

/**
 * The difference from version `from` to version `to` of one document (SPEC
 * HIST-2), by Yjs id, not by guessing: a unit whose id is in both is the
 * same, one only in `to` was inserted, one only in `from` deleted. Yjs never
 * moves an item, so the units common to both keep their order and the two
 * sequences merge in one pass; deletions come before insertions at the same
 * place. Each run carries the author of its unit, so a deletion names who
 * wrote what was deleted. Works on runs of ids (HIST-7): each side's pieces
 * are cut where the other side's ids start or stop, then merged.
 *
 * @example
 * diffVersions(versionTokens(v1), versionTokens(v2), authorOf).counts; // { inserted: 3, deleted: 0 }
 */
export function diffVersions(
  from: VersionTokens,
  to: VersionTokens,
  authorOf: AuthorOf,
): VersionDiff {
  let inserted = 0;
  let deleted = 0;
  const sections = {} as Record<VersionSection, DiffBlock[]>;
  for (const section of VERSION_SECTIONS) {
    const merged = mergePieces(
      cutByPresence(from[section], idRanges(to[section])),
      cutByPresence(to[section], idRanges(from[section])),
    );
    for (const { token, op } of merged) {
      if (token.kind !== 'text' || op === 'same') continue;
      if (op === 'inserted') inserted += codePoints(token.text);
      else deleted += codePoints(token.text);
    }
    sections[section] = toBlocks(merged, section === 'body' ? null : 'text', authorOf);
  }
  return { sections, counts: { inserted, deleted } };
}

/** A token, or a part of a text token, whose ids are all in the other version or none are. */
interface Piece {
  readonly token: VersionToken;
  readonly common: boolean;
}

interface Merged {
  readonly token: VersionToken;
  readonly op: DiffOp;
}

const lengthOf = (token: VersionToken): number => (token.kind === 'text' ? token.text.length : 1);

/** Per client, the sorted, merged `[start, end)` clock ranges a token list covers. */
function idRanges(tokens: readonly VersionToken[]): Map<number, number[]> {
  const byClient = new Map<number, [number, number][]>();
  for (const token of tokens) {
    let list = byClient.get(token.client);
    if (list === undefined) byClient.set(token.client, (list = []));
    list.push([token.clock, token.clock + lengthOf(token)]);
  }
  const ranges = new Map<number, number[]>();
  for (const [client, list] of byClient) {
    list.sort((a, b) => a[0] - b[0]);
    const flat: number[] = [];
    for (const [start, end] of list) {
      if (flat.length > 0 && start <= (flat.at(-1) as number)) {
        flat[flat.length - 1] = Math.max(flat.at(-1) as number, end);
      } else flat.push(start, end);
    }
    ranges.set(client, flat);
  }
  return ranges;
}

/** Cuts each token where the other version's ids start or stop. */
function cutByPresence(tokens: readonly VersionToken[], other: Map<number, number[]>): Piece[] {
  const pieces: Piece[] = [];
  for (const token of tokens) {
    const flat = other.get(token.client) ?? [];
    const start = token.clock;
    const end = start + lengthOf(token);
    // The first range ending after `start` (flat holds start, end, start, end…).
    let lo = 0;
    let hi = flat.length / 2;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((flat[mid * 2 + 1] as number) <= start) lo = mid + 1;
      else hi = mid;
    }
    let at = start;
    for (let r = lo; r * 2 < flat.length && at < end; r++) {
      const rs = flat[r * 2] as number;
      const re = flat[r * 2 + 1] as number;
      if (rs >= end) break;
      if (rs > at) {
        pieces.push({ token: slice(token, at, rs), common: false });
        at = rs;
      }
      const stop = Math.min(re, end);
      pieces.push({ token: slice(token, at, stop), common: true });
      at = stop;
    }
    if (at < end) pieces.push({ token: slice(token, at, end), common: false });
  }
  return pieces;
}

/** The part of a token from clock `from` to clock `to` (a block is whole). */
function slice(token: VersionToken, from: number, to: number): VersionToken {
  if (token.kind === 'block' || (from === token.clock && to === token.clock + token.text.length)) {
    return token;
  }
  const offset = from - token.clock;
  return { ...token, clock: from, text: token.text.slice(offset, offset + to - from) };
}

function mergePieces(a: readonly Piece[], b: readonly Piece[]): Merged[] {
  const merged: Merged[] = [];
  let i = 0;
  let j = 0;
  // A common piece partly merged: the part still to go.
  let x: VersionToken | undefined = a[0]?.token;
  let y: VersionToken | undefined = b[0]?.token;
  const nextA = () => (x = a[++i]?.token);
  const nextB = () => (y = b[++j]?.token);
  while (x !== undefined || y !== undefined) {
    const xCommon = a[i]?.common === true;
    const yCommon = b[j]?.common === true;
    if (x !== undefined && y !== undefined && xCommon && yCommon && sameStart(x, y)) {
      const n = Math.min(lengthOf(x), lengthOf(y));
      merged.push({ token: slice(y, y.clock, y.clock + n), op: 'same' });
      if (lengthOf(x) === n) nextA();
      else x = slice(x, x.clock + n, x.clock + lengthOf(x));
      if (lengthOf(y) === n) nextB();
      else y = slice(y, y.clock + n, y.clock + lengthOf(y));
    } else if (x !== undefined && !xCommon) {
      merged.push({ token: x, op: 'deleted' });
      nextA();
    } else if (y !== undefined && !yCommon) {
      merged.push({ token: y, op: 'inserted' });
      nextB();
    } else {
      // Unreachable for two states of one document (common ids keep their order); never loop.
      if (x !== undefined) merged.push({ token: x, op: 'deleted' });
      if (y !== undefined) merged.push({ token: y, op: 'inserted' });
      nextA();
      nextB();
    }
  }
  return merged;
}

function sameStart(x: VersionToken, y: VersionToken): boolean {
  return x.client === y.client && x.clock === y.clock && x.kind === y.kind;
}

function toBlocks(merged: readonly Merged[], fixedType: string | null, authorOf: AuthorOf) {
  const blocks: { type: string; op: DiffOp; runs: DiffRun[] }[] = [];
  for (const { token, op } of merged) {
    if (token.kind === 'block') {
      blocks.push({ type: fixedType ?? token.type, op, runs: [] });
      continue;
    }
    let last = blocks.at(-1);
    if (last === undefined) {
      last = { type: fixedType ?? 'paragraph', op: 'same', runs: [] };
      blocks.push(last);
    }
    last.runs.push({ text: token.text, op, author: authorOf(token.client) });
  }
  return blocks.map((block) => ({ ...block, runs: joinRuns(block.runs, sameOpAndAuthor) }));
}

const sameOpAndAuthor = (a: DiffRun, b: DiffRun): boolean => a.op === b.op && a.author === b.author;
