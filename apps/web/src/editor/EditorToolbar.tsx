import { useEditorState, type Editor } from '@tiptap/react';
import { useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import type { MessageKey } from '../i18n/en.ts';
import { useT } from '../i18n/useT.ts';
import { LinkPopover } from './LinkPopover.tsx';

type Tool = 'bold' | 'italic' | 'heading' | 'bulletList' | 'orderedList' | 'blockquote' | 'link';

const TOOLS: ReadonlyArray<{ tool: Tool; label: MessageKey; icon: ReactNode }> = [
  { tool: 'bold', label: 'toolbar.bold', icon: <b>B</b> },
  { tool: 'italic', label: 'toolbar.italic', icon: <i>I</i> },
  { tool: 'heading', label: 'toolbar.heading', icon: <span>H</span> },
  {
    tool: 'bulletList',
    label: 'toolbar.bulletList',
    icon: (
      <svg viewBox="0 0 24 24" className="icon">
        <circle cx="5" cy="7" r="1.6" className="icon__fill" />
        <circle cx="5" cy="12" r="1.6" className="icon__fill" />
        <circle cx="5" cy="17" r="1.6" className="icon__fill" />
        <path d="M10 7h10M10 12h10M10 17h10" />
      </svg>
    ),
  },
  {
    tool: 'orderedList',
    label: 'toolbar.orderedList',
    // Drawn, not written: a visible "1." is text that the button's name
    // ("Numbered list") does not contain (axe label-content-name-mismatch).
    icon: (
      <svg viewBox="0 0 24 24" className="icon">
        <path d="M10 7h10M10 12h10M10 17h10" />
        <path d="M4 5.5l1.5-1v5M3.8 14.2c.4-.8 2.6-.9 2.6.4 0 1-2.6 1.8-2.6 3.4h2.8" />
      </svg>
    ),
  },
  {
    tool: 'blockquote',
    label: 'toolbar.quote',
    icon: (
      <svg viewBox="0 0 24 24" className="icon">
        <path d="M5 6v12M10 8h9M10 12h9M10 16h6" />
      </svg>
    ),
  },
  {
    tool: 'link',
    label: 'toolbar.link',
    icon: (
      <svg viewBox="0 0 24 24" className="icon">
        <path d="M10 14a4 4 0 0 0 5.7 0l3-3a4 4 0 0 0-5.7-5.7l-1 1" />
        <path d="M14 10a4 4 0 0 0-5.7 0l-3 3a4 4 0 0 0 5.7 5.7l1-1" />
      </svg>
    ),
  },
];

function run(editor: Editor, tool: Exclude<Tool, 'link'>): void {
  const chain = editor.chain().focus();
  if (tool === 'bold') chain.toggleBold().run();
  else if (tool === 'italic') chain.toggleItalic().run();
  else if (tool === 'heading') chain.toggleHeading({ level: 2 }).run();
  else if (tool === 'bulletList') chain.toggleBulletList().run();
  else if (tool === 'orderedList') chain.toggleOrderedList().run();
  else chain.toggleBlockquote().run();
}

/**
 * The formatting toolbar: toggle buttons whose `aria-pressed` follows the
 * selection; one tab stop, arrow keys move between buttons (ARIA toolbar).
 */
export function EditorToolbar({ editor, disabled }: { editor: Editor; disabled: boolean }) {
  const t = useT();
  const [focusIndex, setFocusIndex] = useState(0);
  const [linkOpen, setLinkOpen] = useState(false);
  const buttons = useRef<(HTMLButtonElement | null)[]>([]);
  const active = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      bold: e.isActive('bold'),
      italic: e.isActive('italic'),
      heading: e.isActive('heading'),
      bulletList: e.isActive('bulletList'),
      orderedList: e.isActive('orderedList'),
      blockquote: e.isActive('blockquote'),
      link: e.isActive('link'),
    }),
  });

  const onKeyDown = (event: KeyboardEvent) => {
    const last = TOOLS.length - 1;
    const moves: Record<string, number> = {
      ArrowRight: focusIndex === last ? 0 : focusIndex + 1,
      ArrowLeft: focusIndex === 0 ? last : focusIndex - 1,
      Home: 0,
      End: last,
    };
    const next = moves[event.key];
    if (next === undefined) return;
    event.preventDefault();
    setFocusIndex(next);
    buttons.current[next]?.focus();
  };

  return (
    <div className="toolbar-wrap">
      <div role="toolbar" aria-label={t('toolbar.label')} className="toolbar" onKeyDown={onKeyDown}>
        {TOOLS.map(({ tool, label, icon }, index) => (
          <button
            key={tool}
            ref={(el) => {
              buttons.current[index] = el;
            }}
            type="button"
            className="toolbar__button"
            aria-label={t(label)}
            title={t(label)}
            aria-pressed={tool === 'link' ? active.link || linkOpen : active[tool]}
            aria-haspopup={tool === 'link' ? 'dialog' : undefined}
            aria-expanded={tool === 'link' ? linkOpen : undefined}
            tabIndex={index === focusIndex ? 0 : -1}
            disabled={disabled}
            onFocus={() => setFocusIndex(index)}
            onMouseDown={(e) => e.preventDefault()} // keep the editor's selection
            onClick={() => (tool === 'link' ? setLinkOpen((open) => !open) : run(editor, tool))}
          >
            <span aria-hidden="true">{icon}</span>
          </button>
        ))}
      </div>
      {linkOpen && (
        <LinkPopover
          editor={editor}
          onClose={() => {
            setLinkOpen(false);
            buttons.current[TOOLS.length - 1]?.focus();
          }}
        />
      )}
    </div>
  );
}
