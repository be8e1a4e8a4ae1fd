import { useId, useRef, useState, type ReactNode } from 'react';
import { useT } from '../i18n/useT.ts';

/**
 * The facilitator's drawer: what a live meeting needs only now and then
 * (the agenda editor, roles, hand-over), behind one button and in a modal
 * dialog that slides in from the side, so the step, the timer and the
 * speaker keep the screen. Escape or "Close" puts focus back on the button.
 */
export function CockpitDrawer({ children }: { children: ReactNode }) {
  const t = useT();
  const id = useId();
  const dialog = useRef<HTMLDialogElement>(null);
  const [open, setOpen] = useState(false);
  const show = () => {
    setOpen(true);
    dialog.current?.showModal();
  };
  return (
    <>
      <button
        type="button"
        className="button cockpit-drawer__open"
        aria-haspopup="dialog"
        aria-expanded={open}
        aria-controls={id}
        onClick={show}
      >
        {t('cockpit.tools')}
      </button>
      <dialog
        ref={dialog}
        id={id}
        className="cockpit-drawer"
        aria-labelledby={`${id}-h`}
        onClose={() => setOpen(false)}
      >
        <div className="cockpit-drawer__head">
          <h2 id={`${id}-h`} className="cockpit-drawer__title">
            {t('cockpit.tools')}
          </h2>
          <button type="button" className="button" onClick={() => dialog.current?.close()}>
            {t('cockpit.close')}
          </button>
        </div>
        {/* Mounted only while open: its forms stay out of the page the rest of the time. */}
        {open && <div className="cockpit-drawer__body">{children}</div>}
      </dialog>
    </>
  );
}
