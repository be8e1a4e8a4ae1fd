import { proposalBody, type Anchor } from '@ronde/domain';
import { Editor } from '@tiptap/core';
import Collaboration from '@tiptap/extension-collaboration';
import StarterKit from '@tiptap/starter-kit';
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { useSession } from '../state/session.ts';
import { anchorFor, anchorRange, type AnchorMark } from './objectionAnchors.ts';
import { ProposalTextView } from './ProposalTextView.tsx';
import { anchorAt, anchorOffsets, layoutOf, textBetween } from './textLayout.ts';

beforeEach(() => useSession.setState({ language: 'en' }));
afterEach(cleanup);

/** A proposal doc with its body written by the TipTap editor, as in the app. */
function editedDoc(html: string): { doc: Y.Doc; editor: Editor } {
  const doc = new Y.Doc();
  const editor = new Editor({
    extensions: [
      StarterKit.configure({ undoRedo: false, heading: { levels: [2, 3] } }),
      Collaboration.configure({ fragment: proposalBody(doc) }),
    ],
  });
  editor.commands.setContent(html);
  return { doc, editor };
}

const HTML =
  '<h2>Rota</h2><p>We <strong>clean</strong> the kitchen on Fridays.</p><ul><li><p>Five people</p></li></ul>';

describe('textLayout', () => {
  it('lays the runs end to end and quotes across blocks with a space', () => {
    const { doc, editor } = editedDoc(HTML);
    const layout = layoutOf(proposalBody(doc));
    expect(layout.runs.map((r) => r.plain)).toEqual([
      'Rota',
      'We clean the kitchen on Fridays.',
      'Five people',
    ]);
    expect(textBetween(layout, 0, layout.length)).toBe(
      'Rota We clean the kitchen on Fridays. Five people',
    );
    editor.destroy();
  });

  it('makes anchors the editor resolves to the same passage', () => {
    const { doc, editor } = editedDoc(HTML);
    const layout = layoutOf(proposalBody(doc));
    // "clean the kitchen", inside the second run (which starts at 4)
    const anchor = anchorAt(layout, 7, 24)!;
    expect(anchor.quote).toBe('clean the kitchen');
    const range = anchorRange(editor.state, anchor)!;
    expect(editor.state.doc.textBetween(range.from, range.to, ' ')).toBe('clean the kitchen');
    // across blocks, ending at the end of a block
    const across = anchorAt(layout, 0, 36)!;
    expect(across.quote).toBe('Rota We clean the kitchen on Fridays.');
    const r2 = anchorRange(editor.state, across)!;
    expect(editor.state.doc.textBetween(r2.from, r2.to, ' ')).toBe(across.quote);
    editor.destroy();
  });

  it('resolves anchors the editor made, and follows later edits', () => {
    const { doc, editor } = editedDoc(HTML);
    let from = -1;
    editor.state.doc.descendants((node, pos) => {
      if (node.isText && node.text === ' the kitchen on Fridays.') from = pos + 5;
    });
    const anchor = anchorFor(editor.view, from, from + 7)!;
    expect(anchor.quote).toBe('kitchen');
    const layout = layoutOf(proposalBody(doc));
    const range = anchorOffsets(doc, layout, anchor)!;
    expect(textBetween(layout, range.from, range.to)).toBe('kitchen');

    editor.commands.insertContentAt(1, 'Cleaning ');
    const after = layoutOf(proposalBody(doc));
    const moved = anchorOffsets(doc, after, anchor)!;
    expect(textBetween(after, moved.from, moved.to)).toBe('kitchen');
    expect(moved.from).toBe(range.from + 'Cleaning '.length);
    editor.destroy();
  });

  it('gives no anchor for a blank span, nor a range for a deleted passage', () => {
    const { doc, editor } = editedDoc('<p>One two</p>');
    const layout = layoutOf(proposalBody(doc));
    expect(anchorAt(layout, 3, 4)).toBeNull();
    expect(anchorAt(layout, 2, 2)).toBeNull();
    const anchor = anchorAt(layout, 4, 7)!;
    editor.commands.setContent('<p>Other</p>');
    expect(anchorOffsets(doc, layoutOf(proposalBody(doc)), anchor)).toBeNull();
    editor.destroy();
  });
});

describe('ProposalTextView', () => {
  it('shows the text read-only with the editor’s elements and highlights anchored passages', () => {
    const { doc, editor } = editedDoc(
      '<p>We clean the <a href="https://example.org">kitchen</a> on <em>Fridays</em>.</p>',
    );
    const layout = layoutOf(proposalBody(doc));
    const marks: AnchorMark[] = [
      {
        id: 'o1',
        anchor: anchorAt(layout, 3, 8)!,
        label: 'Ben: too often',
        kind: 'objection',
      },
    ];
    render(<ProposalTextView doc={doc} marks={marks} onSelect={() => undefined} />);
    const text = screen.getByRole('textbox', { name: 'Proposal text' });
    expect(text.getAttribute('aria-readonly')).toBe('true');
    expect(text.textContent).toBe('We clean the kitchen on Fridays.');
    expect(screen.getByRole('link', { name: 'kitchen' }).getAttribute('href')).toBe(
      'https://example.org/',
    );
    expect(text.querySelector('em')?.textContent).toBe('Fridays');
    const mark = text.querySelector('[data-anchor="o1"]')!;
    expect(mark.textContent).toBe('clean');
    expect(mark.className).toBe('anchor-mark anchor-mark--objection');
    expect(mark.getAttribute('title')).toBe('Ben: too often');

    act(() => {
      editor.commands.insertContentAt(1, 'Now ');
    });
    expect(text.textContent).toBe('Now We clean the kitchen on Fridays.');
    expect(text.querySelector('[data-anchor="o1"]')?.textContent).toBe('clean');
    editor.destroy();
  });

  it('reports the selected passage as an anchor, and null when the selection collapses', () => {
    const { doc, editor } = editedDoc('<p>Alpha</p><p>Beta <strong>gamma</strong></p>');
    const onSelect = vi.fn<(anchor: Anchor | null) => void>();
    render(<ProposalTextView doc={doc} marks={[]} onSelect={onSelect} />);
    const text = screen.getByRole('textbox', { name: 'Proposal text' });
    const alpha = text.querySelector('p')!.firstChild!;
    const gamma = text.querySelector('strong')!.firstChild!;
    const selection = document.getSelection()!;
    act(() => {
      selection.setBaseAndExtent(textNode(alpha), 2, textNode(gamma), 3);
      document.dispatchEvent(new Event('selectionchange'));
    });
    const anchor = onSelect.mock.lastCall![0]!;
    expect(anchor.quote).toBe('pha Beta gam');
    const range = anchorRange(editor.state, anchor)!;
    expect(editor.state.doc.textBetween(range.from, range.to, ' ')).toBe('pha Beta gam');

    act(() => {
      selection.collapse(textNode(gamma), 1);
      document.dispatchEvent(new Event('selectionchange'));
    });
    expect(onSelect).toHaveBeenLastCalledWith(null);
    editor.destroy();
  });

  it('shows an empty text as one empty line', () => {
    const doc = new Y.Doc();
    render(<ProposalTextView doc={doc} marks={[]} onSelect={() => undefined} />);
    expect(screen.getByRole('textbox', { name: 'Proposal text' }).textContent).toBe('');
  });
});

/** The first text node in or at `node`. */
function textNode(node: Node): Node {
  let current: Node = node;
  while (current.nodeType !== Node.TEXT_NODE && current.firstChild) current = current.firstChild;
  return current;
}
