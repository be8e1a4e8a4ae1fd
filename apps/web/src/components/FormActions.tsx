/**
 * A form's closing buttons: a quiet one that cancels, then the primary one
 * that submits.
 *
 * @example
 * <FormActions cancel={t('newProposal.cancel')} onCancel={onCancel} submit={t('newProposal.create')} />
 */
export function FormActions({
  cancel,
  onCancel,
  submit,
}: {
  cancel: string;
  onCancel: () => void;
  submit: string;
}) {
  return (
    <div className="actions">
      <button type="button" className="button button--quiet" onClick={onCancel}>
        {cancel}
      </button>
      <button type="submit" className="button button--primary">
        {submit}
      </button>
    </div>
  );
}
