import type { FormEvent, ReactNode } from 'react';

/**
 * A form in a card, named by its heading: where a new proposal or meeting is
 * started.
 *
 * @example
 * <FormCard id={id} title={t('newMeeting.title')} onSubmit={submit}>…</FormCard>
 */
export function FormCard({
  id,
  title,
  onSubmit,
  children,
}: {
  /** Prefix of the heading's id (`useId()` of the form). */
  id: string;
  title: string;
  onSubmit: (event: FormEvent) => void;
  children: ReactNode;
}) {
  return (
    <form
      className="card new-proposal stack"
      onSubmit={onSubmit}
      noValidate
      aria-labelledby={`${id}-h`}
    >
      <h3 id={`${id}-h`} className="card__title">
        {title}
      </h3>
      {children}
    </form>
  );
}
