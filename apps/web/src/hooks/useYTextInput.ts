import { replaceText } from '@ronde/domain';
import { useCallback, useEffect, useRef, type ChangeEvent, type RefObject } from 'react';
import type * as Y from 'yjs';
import { transformIndex, type TextDelta } from './transformIndex.ts';

type TextElement = HTMLInputElement | HTMLTextAreaElement;

/**
 * Binds an uncontrolled `<input>` or `<textarea>` to a Y.Text: typing writes
 * the smallest edit into the Y.Text (so concurrent edits elsewhere survive),
 * and remote edits update the field while keeping the person's caret and
 * selection where they were in the text.
 *
 * @example
 * const title = useYTextInput<HTMLInputElement>(proposalTitle(doc));
 * return <input ref={title.ref} defaultValue={title.initial} onChange={title.onChange} />;
 */
export function useYTextInput<E extends TextElement>(
  text: Y.Text,
): {
  ref: RefObject<E | null>;
  initial: string;
  onChange: (event: ChangeEvent<E>) => void;
} {
  const ref = useRef<E | null>(null);

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    if (el.value !== text.toString()) el.value = text.toString();
    const onText = (event: Y.YTextEvent): void => {
      const next = text.toString();
      if (el.value === next) return; // our own keystroke, already shown
      const focused = el.ownerDocument.activeElement === el;
      const { selectionStart, selectionEnd } = el;
      el.value = next;
      if (focused && selectionStart !== null && selectionEnd !== null) {
        const delta = event.delta as TextDelta[];
        el.setSelectionRange(
          transformIndex(selectionStart, delta),
          transformIndex(selectionEnd, delta),
        );
      }
    };
    text.observe(onText);
    return () => text.unobserve(onText);
  }, [text]);

  const onChange = useCallback(
    (event: ChangeEvent<E>) => replaceText(text, event.currentTarget.value),
    [text],
  );

  return { ref, initial: text.toString(), onChange };
}
