import type { AsyncPersonEvent, MeetingEvent } from '@ronde/domain';
import { submitEvent } from '../sync/eventChannel.ts';

/**
 * Signs and submits one of my asynchronous consent events on the consent
 * room's event channel (docs/legitimacy.md §5): the same signature, outbox
 * and refusals as a meeting event; the room must be open (`useRoom`).
 *
 * @example
 * await submitAsync(room.name, recordAsyncPosition(state, me.id, serverNow, 'consent', ''));
 */
export function submitAsync(room: string, event: AsyncPersonEvent): Promise<void> {
  // The channel signs any plain event; its type names meeting events only.
  return submitEvent(room, event as unknown as MeetingEvent);
}
