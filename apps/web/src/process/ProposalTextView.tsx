import { proposalBody, type Anchor } from '@ronde/domain';
import { useEffect, useMemo, useRef, useSyncExternalStore, type ReactNode } from 'react';
import * as Y from 'yjs';
import { markElement } from '../editor/markElement.tsx';
import { useT } from '../i18n/useT.ts';
import type { AnchorMark } from './objectionAnchors.ts';
import { anchorAt, anchorOffsets, layoutOf, type TextLayout } from './textLayout.ts';

/** The body's layout, read again after each change to it. */
function useLayout(body: Y.XmlFragment): TextLayout {
  const store = useMemo(() => {
    let layout = layoutOf(body);
    return {
      subscribe(onChange: () => void) {
        const update = () => {
          layout = layoutOf(body);
          onChange();
        };
        body.observeDeep(update);
        update(); // a change between the first read and now
        return () => body.unobserveDeep(update);
      },
      getSnapshot: () => layout,
    };
  }, [body]);
  return useSyncExternalStore(store.subscribe, store.getSnapshot);
}

interface Highlight {
  readonly from: number;
  readonly to: number;
  readonly mark: AnchorMark;
}

/**
 * The proposal's text as a meeting reads it, without the editor (TipTap is
 * most of the app's code; a participant only reads): the same elements and
 * classes as the editor's, anchored objections and concerns highlighted,
 * and the passage selected in it reported as an anchor that the editor
 * resolves alike (`textLayout.ts`).
 */
export function ProposalTextView({
  doc,
  marks,
  onSelect,
}: {
  doc: Y.Doc;
  marks: readonly AnchorMark[];
  onSelect: (anchor: Anchor | null) => void;
}) {
  const t = useT();
  const body = useMemo(() => proposalBody(doc), [doc]);
  const layout = useLayout(body);
  const root = useRef<HTMLDivElement>(null);
  const state = useRef({ layout, onSelect });
  useEffect(() => {
    state.current = { layout, onSelect };
  });

  // The passage selected in the text, read from the DOM selection, and kept
  // while focus moves to the form. The rendered text is exactly the runs'
  // characters, so an offset in it is an offset in the layout.
  useEffect(() => {
    const onChange = () => {
      const dom = root.current;
      const selection = document.getSelection();
      if (!dom || !selection || selection.rangeCount === 0) return;
      const { anchorNode, focusNode } = selection;
      if (!anchorNode || !focusNode) return;
      if (!dom.contains(anchorNode) || !dom.contains(focusNode)) return;
      if (selection.isCollapsed) {
        state.current.onSelect(null);
        return;
      }
      const offset = (node: Node, at: number) => {
        const range = document.createRange();
        range.setStart(dom, 0);
        range.setEnd(node, at);
        return range.toString().length;
      };
      const a = offset(anchorNode, selection.anchorOffset);
      const b = offset(focusNode, selection.focusOffset);
      state.current.onSelect(anchorAt(state.current.layout, Math.min(a, b), Math.max(a, b)));
    };
    document.addEventListener('selectionchange', onChange);
    return () => document.removeEventListener('selectionchange', onChange);
  }, []);

  const highlights: Highlight[] = [];
  for (const mark of marks) {
    const range = anchorOffsets(doc, layout, mark.anchor);
    if (range) highlights.push({ ...range, mark });
  }
  const context: RenderContext = { layout, highlights };

  return (
    <div className="editor proposal-text">
      <div className="editor__content">
        <div
          ref={root}
          className="prose"
          role="textbox"
          aria-label={t('process.proposalText')}
          aria-readonly="true"
          aria-multiline="true"
          tabIndex={0}
        >
          {renderChildren(body, context)}
        </div>
      </div>
    </div>
  );
}

interface RenderContext {
  readonly layout: TextLayout;
  readonly highlights: readonly Highlight[];
}

function renderChildren(parent: Y.XmlFragment, context: RenderContext): ReactNode[] {
  return parent.toArray().map((child, i) => renderNode(child, i, context));
}

/** A text block with no text shows a line break, as the editor's does. */
function block(element: Y.XmlElement, context: RenderContext): ReactNode {
  const from = context.layout.starts.get(element) ?? 0;
  const to = context.layout.ends.get(element) ?? 0;
  const hasBreak = element.toArray().some((c) => c instanceof Y.XmlElement);
  return to > from || hasBreak ? (
    renderChildren(element, context)
  ) : (
    <br className="ProseMirror-trailingBreak" />
  );
}

function renderNode(
  node: Y.XmlElement | Y.XmlText | Y.XmlHook,
  key: number,
  context: RenderContext,
): ReactNode {
  if (node instanceof Y.XmlText) return renderRun(node, key, context);
  if (!(node instanceof Y.XmlElement)) return null;
  const children = () => renderChildren(node, context);
  switch (node.nodeName) {
    case 'paragraph':
      return <p key={key}>{block(node, context)}</p>;
    case 'heading': {
      const level = Math.min(6, Math.max(1, Number(node.getAttribute('level')) || 2));
      const Tag = `h${level}` as 'h2';
      return <Tag key={key}>{block(node, context)}</Tag>;
    }
    case 'bulletList':
      return <ul key={key}>{children()}</ul>;
    case 'orderedList': {
      const start = Number(node.getAttribute('start'));
      return (
        <ol key={key} start={Number.isInteger(start) && start !== 1 ? start : undefined}>
          {children()}
        </ol>
      );
    }
    case 'listItem':
      return <li key={key}>{children()}</li>;
    case 'blockquote':
      return <blockquote key={key}>{children()}</blockquote>;
    case 'codeBlock':
      return (
        <pre key={key}>
          <code>{children()}</code>
        </pre>
      );
    case 'hardBreak':
      return <br key={key} />;
    case 'horizontalRule':
      return <hr key={key} />;
    default:
      return <div key={key}>{children()}</div>;
  }
}

interface DeltaOp {
  readonly insert?: unknown;
  readonly attributes?: Record<string, unknown>;
}

/** A text run: its formatted pieces, cut where highlights begin and end. */
function renderRun(text: Y.XmlText, key: number, context: RenderContext): ReactNode {
  const start = context.layout.starts.get(text) ?? 0;
  const pieces: ReactNode[] = [];
  let offset = start;
  for (const op of text.toDelta() as DeltaOp[]) {
    if (typeof op.insert !== 'string') {
      offset += 1;
      continue;
    }
    const end = offset + op.insert.length;
    const cuts = new Set([offset, end]);
    for (const h of context.highlights) {
      if (h.from > offset && h.from < end) cuts.add(h.from);
      if (h.to > offset && h.to < end) cuts.add(h.to);
    }
    const sorted = [...cuts].sort((a, b) => a - b);
    for (let i = 0; i + 1 < sorted.length; i++) {
      const a = sorted[i]!;
      const b = sorted[i + 1]!;
      let piece = formatted(op.insert.slice(a - offset, b - offset), op.attributes ?? {});
      for (const h of context.highlights) {
        if (h.from <= a && h.to >= b) {
          piece = (
            <span
              className={`anchor-mark anchor-mark--${h.mark.kind}`}
              title={h.mark.label}
              data-anchor={h.mark.id}
            >
              {piece}
            </span>
          );
        }
      }
      pieces.push(<span key={`${a}`}>{piece}</span>);
    }
    offset = end;
  }
  return <span key={key}>{pieces}</span>;
}

/** Text with the editor's marks (`bold`, or `bold--hash` when overlapping). */
function formatted(text: string, attributes: Record<string, unknown>): ReactNode {
  return Object.entries(attributes).reduce<ReactNode>(
    (inner, [name, value]) =>
      markElement(name.split('--')[0] ?? '', value, inner, { newTab: true }),
    text,
  );
}
