import type { Editor } from '@tiptap/react';
import { useId, useState, type FormEvent } from 'react';
import { useT } from '../i18n/useT.ts';
import { normalizeLinkUrl } from './linkUrl.ts';

/** Asks for a link's address; only web and mail addresses are accepted. */
export function LinkPopover({ editor, onClose }: { editor: Editor; onClose: () => void }) {
  const t = useT();
  const id = useId();
  const existing = editor.getAttributes('link').href as string | undefined;
  const [value, setValue] = useState(existing ?? '');
  const [invalid, setInvalid] = useState(false);

  const apply = (event: FormEvent) => {
    event.preventDefault();
    const href = normalizeLinkUrl(value);
    if (href === null) {
      setInvalid(true);
      return;
    }
    editor.chain().focus().extendMarkRange('link').setLink({ href }).run();
    onClose();
  };

  const remove = () => {
    editor.chain().focus().extendMarkRange('link').unsetLink().run();
    onClose();
  };

  return (
    <form
      className="link-popover"
      role="dialog"
      aria-label={t('toolbar.link')}
      onSubmit={apply}
      noValidate
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          onClose();
        }
      }}
    >
      <label htmlFor={id}>{t('link.label')}</label>
      <div className="link-popover__row">
        <input
          id={id}
          type="url"
          inputMode="url"
          value={value}
          placeholder="https://"
          autoFocus
          aria-invalid={invalid || undefined}
          aria-describedby={invalid ? `${id}-error` : undefined}
          onChange={(e) => {
            setValue(e.target.value);
            setInvalid(false);
          }}
        />
        <button type="submit" className="button button--primary">
          {t('link.apply')}
        </button>
        {existing && (
          <button type="button" className="button" onClick={remove}>
            {t('link.remove')}
          </button>
        )}
        <button type="button" className="button button--quiet" onClick={onClose}>
          {t('link.cancel')}
        </button>
      </div>
      {invalid && (
        <p id={`${id}-error`} role="alert" className="field__error">
          {t('link.invalid')}
        </p>
      )}
    </form>
  );
}
