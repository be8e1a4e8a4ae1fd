import { proposalBody, type Anchor } from '@ronde/domain';
import Collaboration from '@tiptap/extension-collaboration';
import { EditorContent, useEditor } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import { useEffect, useRef } from 'react';
import type * as Y from 'yjs';
import { useT } from '../i18n/useT.ts';
import { anchorFor, anchorsKey, ObjectionAnchors, type AnchorMark } from './objectionAnchors.ts';

/**
 * The proposal's text in the TipTap editor, for those who may amend it
 * (the proposer and facilitators during integration), with anchored
 * objections highlighted. Reports the passage selected in it, as an anchor.
 * Loaded on demand by `ProposalText` (the editor is most of the code); read
 * only, the text is shown by `ProposalTextView`, without the editor.
 */
export function ProposalTextEditor({
  doc,
  editable,
  marks,
  onSelect,
}: {
  doc: Y.Doc;
  editable: boolean;
  marks: readonly AnchorMark[];
  onSelect: (anchor: Anchor | null) => void;
}) {
  const t = useT();
  const marksRef = useRef(marks);
  const onSelectRef = useRef(onSelect);
  useEffect(() => {
    marksRef.current = marks;
    onSelectRef.current = onSelect;
  });
  const label = editable ? t('process.proposalEditable') : t('process.proposalText');
  const editor = useEditor(
    {
      extensions: [
        StarterKit.configure({
          undoRedo: false,
          heading: { levels: [2, 3] },
          link: { openOnClick: true },
        }),
        Collaboration.configure({ fragment: proposalBody(doc) }),
        ObjectionAnchors.configure({ getMarks: () => marksRef.current }),
      ],
      editable,
      immediatelyRender: true,
      editorProps: {
        attributes: {
          'aria-label': label,
          class: 'prose',
          role: 'textbox',
          'aria-readonly': String(!editable),
          'aria-multiline': 'true',
        },
      },
    },
    [doc],
  );

  useEffect(() => {
    if (editor && !editor.isDestroyed) editor.setEditable(editable);
  }, [editor, editable]);

  useEffect(() => {
    if (editor && !editor.isDestroyed) {
      editor.setOptions({
        editorProps: {
          attributes: {
            'aria-label': label,
            class: 'prose',
            role: 'textbox',
            'aria-readonly': String(!editable),
            'aria-multiline': 'true',
          },
        },
      });
    }
  }, [editor, label, editable]);

  // Redraw the highlights when the anchored positions change.
  const signature = marks.map((m) => `${m.id}:${m.label}`).join('|');
  useEffect(() => {
    if (editor && !editor.isDestroyed)
      editor.view.dispatch(editor.state.tr.setMeta(anchorsKey, signature));
  }, [editor, signature]);

  // The passage selected in the text, read from the DOM selection so it works
  // while the text is read-only, and kept while focus moves to the form.
  useEffect(() => {
    if (!editor) return;
    const onChange = () => {
      if (editor.isDestroyed) return;
      const view = editor.view;
      const selection = document.getSelection();
      if (!selection || selection.rangeCount === 0) return;
      const { anchorNode, focusNode } = selection;
      if (!anchorNode || !focusNode) return;
      if (!view.dom.contains(anchorNode) || !view.dom.contains(focusNode)) return;
      if (selection.isCollapsed) {
        onSelectRef.current(null);
        return;
      }
      try {
        const a = view.posAtDOM(anchorNode, selection.anchorOffset);
        const b = view.posAtDOM(focusNode, selection.focusOffset);
        onSelectRef.current(anchorFor(view, Math.min(a, b), Math.max(a, b)));
      } catch {
        onSelectRef.current(null);
      }
    };
    document.addEventListener('selectionchange', onChange);
    return () => document.removeEventListener('selectionchange', onChange);
  }, [editor]);

  if (!editor) return <div className="editor editor--loading" />;
  return (
    <div className={`editor proposal-text${editable ? ' proposal-text--editable' : ''}`}>
      <EditorContent editor={editor} className="editor__content" />
    </div>
  );
}
