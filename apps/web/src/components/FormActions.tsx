/**
 * How a form ends: what went wrong, if anything (an alert, `errorId` naming
 * it for the fields it concerns), then a quiet button that cancels and the
 * primary one that submits.
 *
 * @example
 * <FormActions error={error} cancel={t('newProposal.cancel')} onCancel={onCancel} submit={t('newProposal.create')} />
 */
export function FormActions({
  error = null,
  errorId,
  cancel,
  onCancel,
  submit,
}: {
  error?: string | null;
  errorId?: string;
  cancel: string;
  onCancel: () => void;
  submit: string;
}) {
  return (
    <>
      {error && (
        <p id={errorId} role="alert" className="alert">
          {error}
        </p>
      )}
      <div className="actions">
        <button type="button" className="button button--quiet" onClick={onCancel}>
          {cancel}
        </button>
        <button type="submit" className="button button--primary">
          {submit}
        </button>
      </div>
    </>
  );
}
