import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { YTextInput } from './YTextField.tsx';

afterEach(cleanup);

function title(initial: string) {
  const doc = new Y.Doc();
  const text = doc.getText('title');
  text.insert(0, initial);
  render(
    <>
      <label htmlFor="t">Title</label>
      <YTextInput id="t" text={text} maxLength={200} readOnly={false} />
    </>,
  );
  return { text, field: screen.getByRole('textbox', { name: 'Title' }) as HTMLTextAreaElement };
}

describe('YTextInput (a title)', () => {
  it('is a text area that wraps a long title instead of cutting it, one line to start with', () => {
    const { field } = title('Semaine de quatre jours pour toute l’équipe de production');
    expect(field.tagName).toBe('TEXTAREA');
    expect(field.rows).toBe(1);
    expect(field.value).toBe('Semaine de quatre jours pour toute l’équipe de production');
  });

  it('takes no line break: Enter does nothing, a pasted one becomes a space', () => {
    const { text, field } = title('Four-day week');
    expect(fireEvent.keyDown(field, { key: 'Enter' })).toBe(false); // default prevented
    fireEvent.change(field, { target: { value: 'Four-day\nweek\r\nfor all' } });
    expect(text.toString()).toBe('Four-day week for all');
    expect(field.value).toBe('Four-day week for all');
  });
});
