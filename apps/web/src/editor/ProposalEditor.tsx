import { proposalBody } from '@ronde/domain';
import Collaboration from '@tiptap/extension-collaboration';
import CollaborationCaret from '@tiptap/extension-collaboration-caret';
import { EditorContent, useEditor } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import { useEffect } from 'react';
import type { WebsocketProvider } from 'y-websocket';
import type * as Y from 'yjs';
import { useT } from '../i18n/useT.ts';
import type { Identity } from '../state/useIdentity.ts';
import { EditorToolbar } from './EditorToolbar.tsx';
import { normalizeLinkUrl } from './linkUrl.ts';

function editorAttributes(label: string): Record<string, string> {
  return {
    role: 'textbox',
    'aria-multiline': 'true',
    'aria-label': label,
    class: 'prose',
  };
}

/**
 * The proposal's rich-text body, co-edited through the document's `body`
 * fragment, with everyone's named carets. History is Yjs's (per person), not
 * ProseMirror's, so undo never reverts someone else's typing.
 */
export function ProposalEditor({
  doc,
  provider,
  me,
  editable,
}: {
  doc: Y.Doc;
  provider: WebsocketProvider;
  me: Identity;
  editable: boolean;
}) {
  const t = useT();
  const label = t('proposal.body');
  const editor = useEditor(
    {
      extensions: [
        StarterKit.configure({
          undoRedo: false,
          heading: { levels: [2, 3] },
          link: {
            openOnClick: false,
            autolink: true,
            defaultProtocol: 'https',
            isAllowedUri: (url) => normalizeLinkUrl(url) !== null,
            HTMLAttributes: { rel: 'noopener noreferrer nofollow', target: '_blank' },
          },
        }),
        Collaboration.configure({ fragment: proposalBody(doc) }),
        CollaborationCaret.configure({ provider, user: me }),
      ],
      editable,
      immediatelyRender: true,
      editorProps: { attributes: editorAttributes(label) },
    },
    // One editor per document: identity, label and editability are updated
    // below, since recreating the editor would drop the caret and selection.
    [doc, provider],
  );

  // What the caret extension's updateUser does, without needing a live editor.
  useEffect(() => {
    provider.awareness.setLocalStateField('user', me);
  }, [provider, me]);

  // TipTap may hand out an editor it replaces in the same commit (StrictMode,
  // new document): a destroyed or unmounted one is created with the current
  // options anyway, so only a live one needs updating.
  useEffect(() => {
    if (editor && !editor.isDestroyed) editor.setEditable(editable);
  }, [editor, editable]);

  useEffect(() => {
    if (editor && !editor.isDestroyed) {
      editor.setOptions({ editorProps: { attributes: editorAttributes(label) } });
    }
  }, [editor, label]);

  if (!editor) return <div className="editor editor--loading" />;
  return (
    <div className="editor">
      {editable && <EditorToolbar editor={editor} disabled={false} />}
      <EditorContent editor={editor} className="editor__content" />
    </div>
  );
}
