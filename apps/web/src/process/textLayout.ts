import { decodeAnchor, encodeAnchor, type Anchor } from '@ronde/domain';
import * as Y from 'yjs';

/** One text run of a proposal body (a `Y.XmlText`) and where it lies in the body's plain text. */
export interface TextRun {
  readonly text: Y.XmlText;
  /** The element it is in (runs of one text block share it). */
  readonly parent: object | null;
  readonly start: number;
  /** Its length in Yjs units (what its indexes count). */
  readonly length: number;
  /** Its characters, without formatting. */
  readonly plain: string;
}

/**
 * A proposal body read without the editor: its text runs end to end, and
 * where each element starts and ends in that plain text, so anchors (Yjs
 * relative positions, as the editor makes them) map to offsets and back.
 */
export interface TextLayout {
  readonly runs: readonly TextRun[];
  /** Where each node (element, text run) starts, and where each ends; keyed by the Yjs type. */
  readonly starts: ReadonlyMap<object, number>;
  readonly ends: ReadonlyMap<object, number>;
  readonly length: number;
}

interface DeltaOp {
  readonly insert?: unknown;
  readonly attributes?: Record<string, unknown>;
}

/** The characters of a text run (embeds, which TipTap does not make, are left out). */
export function plainText(text: Y.XmlText): string {
  return (text.toDelta() as DeltaOp[])
    .map((op) => (typeof op.insert === 'string' ? op.insert : ''))
    .join('');
}

/**
 * The layout of a body.
 *
 * @example
 * const layout = layoutOf(proposalBody(doc));
 */
export function layoutOf(body: Y.XmlFragment): TextLayout {
  const runs: TextRun[] = [];
  const starts = new Map<object, number>();
  const ends = new Map<object, number>();
  let offset = 0;
  const visit = (node: Y.XmlFragment | Y.XmlText | Y.XmlHook): void => {
    starts.set(node, offset);
    if (node instanceof Y.XmlText) {
      runs.push({
        text: node,
        parent: node.parent,
        start: offset,
        length: node.length,
        plain: plainText(node),
      });
      offset += node.length;
    } else if (node instanceof Y.XmlFragment) {
      for (const child of node.toArray()) visit(child);
    }
    ends.set(node, offset);
  };
  visit(body);
  return { runs, starts, ends, length: offset };
}

/** The offset of a relative position in the layout, or null when it is not in this body. */
function offsetOf(doc: Y.Doc, layout: TextLayout, position: Y.RelativePosition): number | null {
  const absolute = Y.createAbsolutePositionFromRelativePosition(position, doc);
  if (absolute === null) return null;
  const { type, index } = absolute;
  const start = layout.starts.get(type);
  if (start === undefined) return null;
  if (type instanceof Y.XmlText) return start + Math.min(Math.max(index, 0), type.length);
  // Between the children of an element: where the next child starts.
  const child = type instanceof Y.XmlFragment ? type.toArray()[index] : undefined;
  return (child && layout.starts.get(child)) ?? layout.ends.get(type) ?? null;
}

/**
 * The span of the body an anchor covers, as offsets into the layout, or
 * null when it no longer resolves (the passage was deleted).
 *
 * @example
 * const range = anchorOffsets(doc, layout, objection.anchor); // { from: 4, to: 9 }
 */
export function anchorOffsets(
  doc: Y.Doc,
  layout: TextLayout,
  anchor: Anchor,
): { from: number; to: number } | null {
  const decoded = decodeAnchor(anchor);
  if (decoded === null) return null;
  const from = offsetOf(doc, layout, decoded.start);
  const to = offsetOf(doc, layout, decoded.end);
  if (from === null || to === null || to <= from) return null;
  return { from, to };
}

/** The run an offset falls in: the one it starts (`forward`) or ends (`backward`) at a boundary. */
function runAt(layout: TextLayout, offset: number, side: 'forward' | 'backward'): TextRun | null {
  const { runs } = layout;
  if (side === 'forward') {
    return (
      runs.find((r) => offset >= r.start && offset < r.start + r.length) ??
      runs.findLast((r) => r.start <= offset) ??
      null
    );
  }
  return (
    runs.findLast((r) => offset > r.start && offset <= r.start + r.length) ??
    runs.find((r) => r.start >= offset) ??
    null
  );
}

/** The text between two offsets, text blocks separated by a space (as the editor quotes it). */
export function textBetween(layout: TextLayout, from: number, to: number): string {
  let quote = '';
  let previous: TextRun | null = null;
  for (const run of layout.runs) {
    const a = Math.max(from, run.start) - run.start;
    const b = Math.min(to, run.start + run.length) - run.start;
    if (b <= a) continue;
    if (previous !== null && previous.parent !== run.parent) quote += ' ';
    quote += run.plain.slice(a, b);
    previous = run;
  }
  return quote;
}

/**
 * An anchor for the span `from`–`to` of the layout: relative positions into
 * the text runs, as the editor makes them (`objectionAnchors.ts`), so either
 * can show what the other anchored. Null for an empty or blank span.
 *
 * @example
 * const anchor = anchorAt(layout, 4, 9); // { start, end, quote: 'quick' }
 */
export function anchorAt(layout: TextLayout, from: number, to: number): Anchor | null {
  if (to <= from) return null;
  const quote = textBetween(layout, from, to).trim();
  if (quote === '') return null;
  const first = runAt(layout, from, 'forward');
  const last = runAt(layout, to, 'backward');
  if (first === null || last === null) return null;
  const clamp = (run: TextRun, offset: number) =>
    Math.min(Math.max(offset - run.start, 0), run.length);
  const start = Y.createRelativePositionFromTypeIndex(first.text, clamp(first, from), -1);
  const end = Y.createRelativePositionFromTypeIndex(last.text, clamp(last, to), -1);
  return encodeAnchor(start, end, quote);
}
