/** The process's one polite live region (not role=status: the connection indicator is one). */
export function LiveAnnouncer({ message }: { message: string }) {
  return (
    <div
      aria-live="polite"
      aria-atomic="true"
      className="visually-hidden"
      data-testid="process-live"
    >
      {message}
    </div>
  );
}
