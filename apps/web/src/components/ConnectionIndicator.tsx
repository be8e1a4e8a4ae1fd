import type { MessageKey } from '../i18n/en.ts';
import { useT } from '../i18n/useT.ts';
import { useOpenRoomsStatus } from '../sync/useConnectionStatus.ts';
import type { ConnectionStatus } from '../sync/connectionStatus.ts';

const LABELS: Readonly<Record<ConnectionStatus, MessageKey>> = {
  connecting: 'status.connecting',
  synced: 'status.synced',
  offline: 'status.offline',
  throttled: 'status.throttled',
  full: 'status.full',
  error: 'status.error',
  revoked: 'status.revoked',
};

/** The header's connection status over the rooms the page has open. */
export function ConnectionIndicator() {
  const t = useT();
  const status = useOpenRoomsStatus();
  return (
    <p
      role="status"
      aria-live="polite"
      className={`connection connection--${status ?? 'idle'}`}
      data-status={status ?? 'idle'}
    >
      {status && (
        <>
          <span className="connection__dot" aria-hidden="true" />
          {t(LABELS[status])}
        </>
      )}
    </p>
  );
}
