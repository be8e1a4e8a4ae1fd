import { newId, spaceRoom, timeEventSigningPayload, type TimeEvent } from '@ronde/domain';
import { ApiError, apiJson } from '../api/http.ts';
import { registerDeviceKey } from '../api/trust.ts';
import { deviceKeyFor, markRegistered, signBytes } from '../identity/deviceKey.ts';
import { useSession } from '../state/session.ts';
import { freshToken } from '../sync/sessionKeeper.ts';

/** What a form hands over: the event without its id, author, name and time. */
export type TimeEventDraft =
  | Omit<Extract<TimeEvent, { type: 'time.declare' }>, 'id' | 'by' | 'name' | 'at'>
  | Omit<Extract<TimeEvent, { type: 'time.confirm' }>, 'id' | 'by' | 'name' | 'at'>
  | Omit<Extract<TimeEvent, { type: 'time.dispute' }>, 'id' | 'by' | 'name' | 'at'>
  | Omit<Extract<TimeEvent, { type: 'time.amend' }>, 'id' | 'by' | 'name' | 'at'>;

/**
 * Signs a time event with this device's key and submits it (server SPEC
 * TIMESRV): the author is this device's member, `at` the server's time.
 * Registers the key first when the server may not know it, and once more
 * when the server answers `unknown-key`. Resolves with the event once the
 * server stored it; rejects with an {@link ApiError} otherwise.
 *
 * @example
 * await submitTimeEvent(spaceId, { type: 'time.confirm', entryId });
 */
export async function submitTimeEvent(spaceId: string, draft: TimeEventDraft): Promise<TimeEvent> {
  const session = useSession.getState();
  const membership = session.memberships[spaceId];
  const token = await freshToken(spaceId);
  if (!membership || token === null)
    throw new ApiError('server', 401, 'unauthorized', 'signed out');
  const event = {
    ...draft,
    id: newId(),
    by: membership.userId,
    name: membership.name || session.name,
    at: Math.round(Date.now() + session.serverOffsetMs),
  } as TimeEvent;
  const send = async (register: boolean): Promise<void> => {
    const { key, registered } = await deviceKeyFor(spaceId, membership.userId);
    if (register || !registered) {
      await registerDeviceKey(spaceId, token, key.publicKey);
      await markRegistered(spaceId, membership.userId, true);
    }
    const sig = await signBytes(key, timeEventSigningPayload(spaceRoom(spaceId), key.keyId, event));
    await apiJson(`/api/spaces/${encodeURIComponent(spaceId)}/time/events`, {
      method: 'POST',
      token,
      body: { ...event, kid: key.keyId, sig },
    });
  };
  try {
    await send(false);
  } catch (error) {
    if (!(error instanceof ApiError) || error.code !== 'unknown-key') throw error;
    await send(true);
  }
  return event;
}
