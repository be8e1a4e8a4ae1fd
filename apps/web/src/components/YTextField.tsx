import type * as Y from 'yjs';
import { useYTextInput } from '../hooks/useYTextInput.ts';

interface Props {
  readonly id: string;
  readonly text: Y.Text;
  readonly maxLength: number;
  readonly readOnly: boolean;
  readonly className?: string;
  readonly describedBy?: string;
}

/**
 * A one-line text co-edited through a Y.Text (a title): a text area that
 * takes no line break, so a long title wraps on a phone instead of being cut.
 */
export function YTextInput({ id, text, maxLength, readOnly, className, describedBy }: Props) {
  const field = useYTextInput<HTMLTextAreaElement>(text);
  return (
    <textarea
      id={id}
      ref={field.ref}
      defaultValue={field.initial}
      onChange={(event) => {
        const el = event.currentTarget;
        // A pasted line break becomes a space: the text stays one line.
        if (/[\r\n]/.test(el.value)) el.value = el.value.replace(/[\r\n]+/g, ' ');
        field.onChange(event);
      }}
      onKeyDown={(event) => {
        if (event.key === 'Enter') event.preventDefault();
      }}
      maxLength={maxLength}
      readOnly={readOnly}
      className={className}
      aria-describedby={describedBy}
      autoComplete="off"
      rows={1}
    />
  );
}

/** A multi-line text area co-edited through a Y.Text. */
export function YTextArea({ id, text, maxLength, readOnly, className, describedBy }: Props) {
  const field = useYTextInput<HTMLTextAreaElement>(text);
  return (
    <textarea
      id={id}
      ref={field.ref}
      defaultValue={field.initial}
      onChange={field.onChange}
      maxLength={maxLength}
      readOnly={readOnly}
      className={className}
      aria-describedby={describedBy}
      rows={2}
    />
  );
}
