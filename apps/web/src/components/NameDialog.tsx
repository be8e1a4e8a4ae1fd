import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { renameEverywhere, spacesToRename } from '../identity/renameEverywhere.ts';
import { useT, useTn } from '../i18n/useT.ts';
import { NAME_MAX, useSession } from '../state/session.ts';

/**
 * Asks for the display name others see. `required` (before entering a space
 * without a name) offers no way out but answering. Saving gives the name to
 * every space this device is a member of (`renameEverywhere`); where that
 * fails the dialog stays open and says so, and saving again retries.
 */
export function NameDialog({
  required = false,
  onCancel,
}: {
  required?: boolean;
  /** Called when the person declines to answer (not `required`). */
  onCancel?: () => void;
}) {
  const t = useT();
  const tn = useTn();
  const titleId = useId();
  const hintId = useId();
  const errorId = useId();
  const ref = useRef<HTMLDialogElement>(null);
  const current = useSession((s) => s.name);
  const setName = useSession((s) => s.setName);
  const close = useSession((s) => s.closeNameDialog);
  const [value, setValue] = useState(current);
  const [error, setError] = useState(false);
  const [saving, setSaving] = useState(false);
  /** How many spaces kept the old name at the last save: another member goes by it there, or they failed. */
  const [failures, setFailures] = useState({ taken: 0, failed: 0 });

  // The control that opened the dialog gets focus back when it goes: the
  // dialog is unmounted, not closed, so the browser does not do it.
  const [opener] = useState(() =>
    document.activeElement instanceof HTMLElement && document.activeElement !== document.body
      ? document.activeElement
      : null,
  );

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) {
      // jsdom has no showModal; an open attribute is enough there.
      if (typeof dialog.showModal === 'function') dialog.showModal();
      else dialog.setAttribute('open', '');
    }
    return () => {
      if (opener?.isConnected) opener.focus();
    };
  }, [opener]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (saving) return;
    if (!value.trim()) {
      setError(true);
      return;
    }
    setName(value);
    const name = useSession.getState().name;
    if (spacesToRename(name).length === 0) {
      close();
      return;
    }
    setSaving(true);
    setFailures({ taken: 0, failed: 0 });
    void renameEverywhere(name).then(({ taken, failed }) => {
      setSaving(false);
      if (taken.length + failed.length === 0) close();
      else setFailures({ taken: taken.length, failed: failed.length });
    });
  };

  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby={titleId}
      aria-describedby={hintId}
      onCancel={(event) => {
        event.preventDefault();
        if (!required) {
          close();
          onCancel?.();
        }
      }}
    >
      <form onSubmit={submit} className="dialog__body" noValidate>
        <h2 id={titleId} className="dialog__title">
          {t('name.title')}
        </h2>
        <p id={hintId} className="hint">
          {t('name.hint')}
        </p>
        <div className="field">
          <label htmlFor={`${titleId}-input`}>{t('name.label')}</label>
          <input
            id={`${titleId}-input`}
            value={value}
            maxLength={NAME_MAX}
            autoComplete="nickname"
            autoFocus
            aria-invalid={error || undefined}
            aria-describedby={error ? errorId : undefined}
            onChange={(e) => {
              setValue(e.target.value);
              setError(false);
            }}
          />
          {error && (
            <p id={errorId} role="alert" className="field__error">
              {t('name.required')}
            </p>
          )}
          {failures.taken > 0 && (
            <p role="alert" className="field__error">
              {tn('name.renameTaken', failures.taken)}
            </p>
          )}
          {failures.failed > 0 && (
            <p role="alert" className="field__error">
              {tn('name.renameFailed', failures.failed)}
            </p>
          )}
        </div>
        <div className="dialog__actions">
          {!required && (
            <button
              type="button"
              className="button button--quiet"
              onClick={() => {
                close();
                onCancel?.();
              }}
            >
              {t('name.cancel')}
            </button>
          )}
          <button type="submit" className="button button--primary" aria-disabled={saving}>
            {saving ? t('name.saving') : t('name.submit')}
          </button>
        </div>
      </form>
    </dialog>
  );
}

/**
 * Runs `action` under the person's display name: at once when they have one,
 * else once they have given it in the name dialog (which `dialog` renders
 * while asked; declining it drops the action). For what a name goes with,
 * such as creating a space whose admin is named after its creator.
 *
 * @example
 * const nameFirst = useNameFirst(() => void create());
 * <form onSubmit={(e) => { e.preventDefault(); nameFirst.run(); }}>…</form>
 * {nameFirst.dialog}
 */
export function useNameFirst(action: () => void): { run: () => void; dialog: ReactNode } {
  const myName = useSession((s) => s.name);
  const [asking, setAsking] = useState(false);
  useEffect(() => {
    if (asking && myName) {
      setAsking(false);
      action();
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- runs once the name is given
  }, [asking, myName]);
  return {
    run: () => {
      if (myName) action();
      else setAsking(true);
    },
    dialog: asking && !myName ? <NameDialog onCancel={() => setAsking(false)} /> : null,
  };
}
