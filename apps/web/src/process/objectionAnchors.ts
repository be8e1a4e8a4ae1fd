import { decodeAnchor, encodeAnchor, type Anchor } from '@ronde/domain';
import { Extension } from '@tiptap/core';
import { Plugin, PluginKey, type EditorState } from '@tiptap/pm/state';
import { Decoration, DecorationSet, type EditorView } from '@tiptap/pm/view';
import {
  absolutePositionToRelativePosition,
  relativePositionToAbsolutePosition,
  ySyncPluginKey,
} from '@tiptap/y-tiptap';
import type * as Y from 'yjs';

/** An anchored objection or concern to highlight in the proposal text. */
export interface AnchorMark {
  readonly id: string;
  readonly anchor: Anchor;
  /** Shown on hover: who raised it and why. */
  readonly label: string;
  readonly kind: 'objection' | 'concern';
}

type ProsemirrorMapping = Parameters<typeof relativePositionToAbsolutePosition>[3];

export const anchorsKey = new PluginKey('objectionAnchors');

function bindingOf(
  state: EditorState,
): { doc: Y.Doc; type: Y.XmlFragment; mapping: ProsemirrorMapping } | null {
  const sync = ySyncPluginKey.getState(state) as
    | { binding?: { doc: Y.Doc; type: Y.XmlFragment; mapping: ProsemirrorMapping } | null }
    | undefined;
  return sync?.binding ?? null;
}

/** ProseMirror positions of an anchor in this editor, or null when it no longer resolves. */
export function anchorRange(
  state: EditorState,
  anchor: Anchor,
): { from: number; to: number } | null {
  const binding = bindingOf(state);
  const decoded = decodeAnchor(anchor);
  if (binding === null || decoded === null) return null;
  const from = relativePositionToAbsolutePosition(
    binding.doc,
    binding.type,
    decoded.start,
    binding.mapping,
  );
  const to = relativePositionToAbsolutePosition(
    binding.doc,
    binding.type,
    decoded.end,
    binding.mapping,
  );
  if (from === null || to === null || to <= from) return null;
  const size = state.doc.content.size;
  return { from: Math.min(from, size), to: Math.min(to, size) };
}

/** An anchor for the span `from`–`to` of this editor (relative positions into the Yjs body). */
export function anchorFor(view: EditorView, from: number, to: number): Anchor | null {
  const binding = bindingOf(view.state);
  if (binding === null || to <= from) return null;
  const quote = view.state.doc.textBetween(from, to, ' ').trim();
  if (quote === '') return null;
  const start = absolutePositionToRelativePosition(
    from,
    binding.type,
    binding.mapping,
  ) as Y.RelativePosition;
  const end = absolutePositionToRelativePosition(
    to,
    binding.type,
    binding.mapping,
  ) as Y.RelativePosition;
  return encodeAnchor(start, end, quote);
}

/**
 * Highlights anchored objections and concerns. The marks are read through
 * `getMarks` on every redraw; dispatch a transaction with the plugin's meta
 * set to redraw after they change.
 */
export const ObjectionAnchors = Extension.create<{ getMarks: () => readonly AnchorMark[] }>({
  name: 'objectionAnchors',
  addOptions() {
    return { getMarks: () => [] };
  },
  addProseMirrorPlugins() {
    const { getMarks } = this.options;
    return [
      new Plugin({
        key: anchorsKey,
        props: {
          decorations(state) {
            const decorations: Decoration[] = [];
            for (const mark of getMarks()) {
              const range = anchorRange(state, mark.anchor);
              if (range === null) continue;
              decorations.push(
                Decoration.inline(range.from, range.to, {
                  class: `anchor-mark anchor-mark--${mark.kind}`,
                  title: mark.label,
                  'data-anchor': mark.id,
                }),
              );
            }
            return DecorationSet.create(state.doc, decorations);
          },
        },
      }),
    ];
  },
});
