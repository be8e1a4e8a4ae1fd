import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { useYText } from './useYText.ts';

afterEach(cleanup);

function Title({ text, renders }: { text: Y.Text; renders: { count: number } }) {
  renders.count++;
  return <p data-testid="title">{useYText(text)}</p>;
}

describe('useYText', () => {
  it('re-renders when the text changes, locally or from another replica', () => {
    const doc = new Y.Doc();
    const text = doc.getText('title');
    text.insert(0, 'Budget');
    render(<Title text={text} renders={{ count: 0 }} />);
    expect(screen.getByTestId('title').textContent).toBe('Budget');

    act(() => text.insert(6, ' 2027'));
    expect(screen.getByTestId('title').textContent).toBe('Budget 2027');

    const remote = new Y.Doc();
    Y.applyUpdate(remote, Y.encodeStateAsUpdate(doc));
    remote.getText('title').insert(0, 'Draft: ');
    act(() => Y.applyUpdate(doc, Y.encodeStateAsUpdate(remote, Y.encodeStateVector(doc))));
    expect(screen.getByTestId('title').textContent).toBe('Draft: Budget 2027');
  });

  it('does not re-render for changes to other shared types', () => {
    const doc = new Y.Doc();
    const text = doc.getText('title');
    const renders = { count: 0 };
    render(<Title text={text} renders={renders} />);
    const before = renders.count;
    act(() => {
      doc.getText('driver').insert(0, 'tension');
      doc.getMap('proposal').set('status', 'draft');
    });
    expect(renders.count).toBe(before);
  });
});
