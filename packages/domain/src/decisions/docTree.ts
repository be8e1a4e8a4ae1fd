import * as Y from 'yjs';

/**
 * A rich text as a small JSON tree shaped like ProseMirror's JSON (`type`,
 * `attrs`, `content`, `text`, `marks`), so the decision log keeps the text as
 * adopted and renders it read-only with plain React, without the editor.
 */
export type DocAttr = string | number | boolean | null;

export interface DocMark {
  readonly type: string;
  readonly attrs?: Readonly<Record<string, DocAttr>>;
}

export interface DocNode {
  readonly type: string;
  readonly attrs?: Readonly<Record<string, DocAttr>>;
  readonly content?: readonly DocNode[];
  /** Only on `text` nodes. */
  readonly text?: string;
  readonly marks?: readonly DocMark[];
}

/**
 * The tree of a `Y.XmlFragment` edited by TipTap (SPEC DEC-4): elements
 * become nodes named by their tag, text runs become `text` nodes whose marks
 * come from the run's formatting attributes (y-prosemirror's `name--hash`
 * suffix removed). Attribute values that are not JSON scalars and embeds
 * that are not text are dropped.
 *
 * @example
 * fragmentToTree(proposalBody(doc)); // [{ type: 'paragraph', content: [{ type: 'text', text: 'Hi' }] }]
 */
export function fragmentToTree(fragment: Y.XmlFragment): DocNode[] {
  return fragment.toArray().flatMap(toNodes);
}

function toNodes(child: Y.XmlElement | Y.XmlText | Y.XmlHook): DocNode[] {
  if (child instanceof Y.XmlText) return textNodes(child);
  if (child instanceof Y.XmlElement) {
    const attrs = scalars(child.getAttributes());
    const content = child.toArray().flatMap(toNodes);
    return [
      {
        type: child.nodeName,
        ...(attrs ? { attrs } : {}),
        ...(content.length > 0 ? { content } : {}),
      },
    ];
  }
  return [];
}

interface DeltaOp {
  readonly insert?: unknown;
  readonly attributes?: Record<string, unknown>;
}

function textNodes(text: Y.XmlText): DocNode[] {
  const nodes: DocNode[] = [];
  for (const op of text.toDelta() as DeltaOp[]) {
    if (typeof op.insert !== 'string' || op.insert === '') continue;
    const marks = Object.entries(op.attributes ?? {}).map(([name, value]): DocMark => {
      const attrs = value !== null && typeof value === 'object' ? scalars(value) : null;
      return { type: name.split('--')[0]!, ...(attrs ? { attrs } : {}) };
    });
    nodes.push({ type: 'text', text: op.insert, ...(marks.length > 0 ? { marks } : {}) });
  }
  return nodes;
}

function scalars(values: object): Record<string, DocAttr> | null {
  const kept = Object.entries(values).filter(
    (entry): entry is [string, DocAttr] =>
      entry[1] === null || ['string', 'number', 'boolean'].includes(typeof entry[1]),
  );
  return kept.length > 0 ? Object.fromEntries(kept) : null;
}

/**
 * The plain text of a tree, blocks separated by newlines (for search).
 *
 * @example
 * treeText([{ type: 'paragraph', content: [{ type: 'text', text: 'Hi' }] }]); // 'Hi'
 */
export function treeText(nodes: readonly DocNode[]): string {
  return nodes
    .map((node) => node.text ?? treeText(node.content ?? []))
    .join(nodes.some((node) => node.type === 'text') ? '' : '\n');
}

/** Whether a stored value is a well-formed tree node (entries may come from any client). */
export function isDocNode(value: unknown): value is DocNode {
  if (value === null || typeof value !== 'object') return false;
  const node = value as Record<string, unknown>;
  if (typeof node.type !== 'string') return false;
  if (node.text !== undefined && typeof node.text !== 'string') return false;
  if (node.content !== undefined) {
    if (!Array.isArray(node.content) || !node.content.every(isDocNode)) return false;
  }
  if (node.marks !== undefined && !Array.isArray(node.marks)) return false;
  return true;
}
