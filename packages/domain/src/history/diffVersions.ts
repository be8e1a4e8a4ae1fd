import { joinRuns, type AuthorOf } from './versionText.ts';
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
 * wrote what was deleted.
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
    const merged = mergeTokens(from[section], to[section]);
    for (const { token, op } of merged) {
      if (token.kind !== 'char' || op === 'same' || isLowSurrogate(token.ch)) continue;
      if (op === 'inserted') inserted++;
      else deleted++;
    }
    sections[section] = toBlocks(merged, section === 'body' ? null : 'text', authorOf);
  }
  return { sections, counts: { inserted, deleted } };
}

interface Merged {
  readonly token: VersionToken;
  readonly op: DiffOp;
}

function mergeTokens(a: readonly VersionToken[], b: readonly VersionToken[]): Merged[] {
  const inA = new Set(a.map((t) => t.key));
  const inB = new Set(b.map((t) => t.key));
  const merged: Merged[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const x = a[i];
    const y = b[j];
    if (x !== undefined && y !== undefined && x.key === y.key) {
      merged.push({ token: y, op: 'same' });
      i++;
      j++;
    } else if (x !== undefined && !inB.has(x.key)) {
      merged.push({ token: x, op: 'deleted' });
      i++;
    } else if (y !== undefined && !inA.has(y.key)) {
      merged.push({ token: y, op: 'inserted' });
      j++;
    } else {
      // Unreachable for two states of one document (common ids keep their order); never loop.
      if (x !== undefined) merged.push({ token: x, op: 'deleted' });
      if (y !== undefined) merged.push({ token: y, op: 'inserted' });
      i++;
      j++;
    }
  }
  return merged;
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
    last.runs.push({ text: token.ch, op, author: authorOf(token.client) });
  }
  return blocks.map((block) => ({ ...block, runs: joinRuns(block.runs) }));
}

function isLowSurrogate(ch: string): boolean {
  const unit = ch.charCodeAt(0);
  return unit >= 0xdc00 && unit <= 0xdfff;
}
