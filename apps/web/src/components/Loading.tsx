/** A calm placeholder while a document loads; not a live region (the header's status is). */
export function Loading({ message }: { message: string }) {
  return (
    <div className="page page--narrow loading">
      <span className="loading__spinner" aria-hidden="true" />
      <p>{message}</p>
    </div>
  );
}
