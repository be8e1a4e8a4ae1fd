import type { DocMark, DocNode } from '../decisions/docTree.ts';

/**
 * Walks a rich text (DocNode tree) into blocks for the exports (SPEC
 * EXPORT-3): paragraphs, headings, list items and quotes, each a list of
 * inline runs with their marks. Unknown nodes give their children; nothing
 * in the tree is ever emitted as markup by itself.
 */
export interface Run {
  readonly text: string;
  readonly bold: boolean;
  readonly italic: boolean;
  readonly code: boolean;
  /** An http(s) or mailto link; any other scheme is dropped. */
  readonly href: string | null;
  readonly lineBreak?: boolean;
}

export interface Block {
  readonly kind: 'paragraph' | 'heading' | 'bullet' | 'ordered' | 'quote';
  /** Nesting depth of lists (0 outside one). */
  readonly depth: number;
  readonly runs: readonly Run[];
}

const SAFE_HREF = /^(https?:\/\/|mailto:)/i;

/** A link target kept only for http, https and mailto. */
export function safeHref(marks: readonly DocMark[] | undefined): string | null {
  const href = marks?.find((m) => m.type === 'link')?.attrs?.href;
  return typeof href === 'string' && SAFE_HREF.test(href.trim()) ? href.trim() : null;
}

function runsOf(nodes: readonly DocNode[] | undefined): Run[] {
  const runs: Run[] = [];
  for (const node of nodes ?? []) {
    if (node.type === 'text' && typeof node.text === 'string') {
      const has = (type: string) => node.marks?.some((m) => m.type === type) === true;
      runs.push({
        text: node.text.replace(/\r\n?|\n/g, ' '),
        bold: has('bold'),
        italic: has('italic'),
        code: has('code'),
        href: safeHref(node.marks),
      });
    } else if (node.type === 'hardBreak') {
      runs.push({ text: '', bold: false, italic: false, code: false, href: null, lineBreak: true });
    } else {
      runs.push(...runsOf(node.content));
    }
  }
  return runs;
}

const INLINE_PARENTS = new Set(['paragraph', 'heading']);

/**
 * The blocks of a text, in order.
 *
 * @example
 * textBlocks(entry.body).map((b) => b.kind); // ['paragraph', 'bullet']
 */
export function textBlocks(
  nodes: readonly DocNode[],
  depth = 0,
  list: Block['kind'] | null = null,
): Block[] {
  const blocks: Block[] = [];
  for (const node of nodes) {
    if (INLINE_PARENTS.has(node.type)) {
      const kind = list ?? (node.type === 'heading' ? 'heading' : 'paragraph');
      blocks.push({ kind, depth, runs: runsOf(node.content) });
    } else if (node.type === 'bulletList' || node.type === 'orderedList') {
      const kind = node.type === 'bulletList' ? 'bullet' : 'ordered';
      for (const item of node.content ?? []) {
        blocks.push(...textBlocks(item.content ?? [], depth + 1, kind));
      }
    } else if (node.type === 'blockquote') {
      blocks.push(...textBlocks(node.content ?? [], depth, 'quote'));
    } else if (node.type === 'text') {
      blocks.push({ kind: list ?? 'paragraph', depth, runs: runsOf([node]) });
    } else if (node.content) {
      blocks.push(...textBlocks(node.content, depth, list));
    }
  }
  return blocks.filter((b) => b.runs.some((r) => r.text !== '' || r.lineBreak));
}

/** A day as `YYYY-MM-DD` (UTC), the same in every export. */
export const isoDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
