import { useEffect, useId, useRef, type ReactNode } from 'react';
import { useT, useTn } from '../i18n/useT.ts';

/**
 * The agenda's section: heading, total, a notice, the items, the add form
 * and a polite announcement. With `drawer` the items and the form sit in a
 * collapsible panel (closed at first), out of the process's way while the
 * meeting runs.
 */
export function AgendaFrame({
  items,
  announcement,
  focusHeading = 0,
  notice = null,
  form = null,
  note = null,
  drawer = null,
  children,
}: {
  items: readonly { readonly timeboxMinutes: number }[];
  announcement: string;
  /** Each new value moves focus to the heading (after a removal, whose row is gone). */
  focusHeading?: number;
  notice?: string | null;
  form?: ReactNode;
  /** What became of the last change sent (a refusal), shown below the items. */
  note?: ReactNode;
  /** The label of the collapsible panel holding the items and the form. */
  drawer?: string | null;
  children: ReactNode;
}) {
  const t = useT();
  const tn = useTn();
  const id = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focusHeading > 0) headingRef.current?.focus();
  }, [focusHeading]);

  const total = items.reduce((sum, item) => sum + item.timeboxMinutes, 0);
  const body = (
    <>
      {notice && <p className="notice">{notice}</p>}
      {items.length === 0 ? (
        <p className="empty">{t('agenda.empty')}</p>
      ) : (
        <ol className="agenda-list">{children}</ol>
      )}
      {note}
      {form}
    </>
  );
  return (
    <section aria-labelledby={`${id}-h`} className={`agenda${drawer ? ' agenda--drawer' : ''}`}>
      <div className="section-head">
        <h2 id={`${id}-h`} ref={headingRef} tabIndex={-1}>
          {t('agenda.title')}
        </h2>
        {items.length > 0 && (
          <span className="meta">{tn('agenda.total', items.length, { minutes: total })}</span>
        )}
      </div>
      {drawer ? (
        <details className="agenda__drawer">
          <summary className="agenda__drawer-label">{drawer}</summary>
          {body}
        </details>
      ) : (
        body
      )}
      <p role="status" aria-live="polite" className="visually-hidden">
        {announcement}
      </p>
    </section>
  );
}
