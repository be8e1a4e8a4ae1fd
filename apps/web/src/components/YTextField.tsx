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

/** A one-line input co-edited through a Y.Text. */
export function YTextInput({ id, text, maxLength, readOnly, className, describedBy }: Props) {
  const field = useYTextInput<HTMLInputElement>(text);
  return (
    <input
      id={id}
      ref={field.ref}
      defaultValue={field.initial}
      onChange={field.onChange}
      maxLength={maxLength}
      readOnly={readOnly}
      className={className}
      aria-describedby={describedBy}
      autoComplete="off"
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
