import { useId, useState } from 'react';

/**
 * A text field of a structured change, written to the shared document as
 * it is typed (so others see it live, field by field: SPEC GOV-5). While it
 * has focus it shows what this person typed; `commit` answers whether the
 * value was accepted (an empty name is not), and a refused value is marked
 * invalid until it is fixed. Unfocused, it follows the document.
 */
export function LiveField({
  label,
  value,
  multiline = false,
  invalidHint,
  commit,
}: {
  label: string;
  value: string;
  multiline?: boolean;
  invalidHint: string;
  commit: (value: string) => boolean;
}) {
  const id = useId();
  const [draft, setDraft] = useState<string | null>(null);
  const [invalid, setInvalid] = useState(false);
  const onChange = (next: string) => {
    setDraft(next);
    setInvalid(!commit(next));
  };
  const props = {
    id,
    value: draft ?? value,
    'aria-invalid': invalid || undefined,
    'aria-describedby': invalid ? `${id}-hint` : undefined,
    onFocus: () => setDraft(value),
    onBlur: () => {
      if (!invalid) setDraft(null);
    },
  };
  return (
    <div className="field gov-live-field">
      <label htmlFor={id}>{label}</label>
      {multiline ? (
        <textarea {...props} rows={3} onChange={(e) => onChange(e.target.value)} />
      ) : (
        <input {...props} type="text" onChange={(e) => onChange(e.target.value)} />
      )}
      {invalid && (
        <p id={`${id}-hint`} className="hint hint--error">
          {invalidHint}
        </p>
      )}
    </div>
  );
}
