import {
  appendEvent,
  eventSigningPayload,
  meetingLog,
  parseRoomName,
  type MeetingEvent,
  type SignedEvent,
} from '@ronde/domain';
import type { WebsocketProvider } from 'y-websocket';
import type * as Y from 'yjs';
import { deviceKeyFor, signBytes } from '../identity/deviceKey.ts';
import {
  isDeviceRegistered,
  onDeviceRegistered,
  reregisterDevice,
} from '../identity/deviceRegistration.ts';
import { useSession } from '../state/session.ts';
import { createOutbox, type OutboxEntry } from './eventOutbox.ts';
import {
  encodeEventSubmit,
  MESSAGE_EVENT_REFUSED,
  readEventRefused,
  type SubmitRefusal,
} from './eventWire.ts';
import { recordRefusal } from './submitRefusals.ts';

/**
 * How one meeting room submits process events (docs/legitimacy.md §1): it
 * signs them, keeps them in an outbox until the log holds them, sends them
 * (message 5) whenever the provider is synced, and hears refusals
 * (message 6). It outlives its provider: after a refused write the room is
 * reopened and the channel attached to the new provider and document.
 */
export interface EventChannel {
  readonly room: string;
  /** Follows this provider and document from now on. */
  attach(provider: WebsocketProvider, doc: Y.Doc): void;
  /** Signs and sends one of my events. */
  submit(event: MeetingEvent): Promise<void>;
  /** Sends events signed earlier (mine or others'), e.g. after a restore, ahead of those waiting. */
  resubmit(events: readonly OutboxEntry[]): void;
  /** Ids still waiting to be seen in the log. */
  pending(): string[];
  dispose(): void;
}

/**
 * A channel for a meeting room.
 *
 * @example
 * const channel = createEventChannel(room.name);
 * channel.attach(room.provider, room.doc);
 * await channel.submit(nextStep(state, me, serverNow()));
 */
export function createEventChannel(room: string): EventChannel {
  const spaceId = parseRoomName(room)?.spaceId ?? room.split('/')[0] ?? '';
  const outbox = createOutbox();
  let provider: WebsocketProvider | null = null;
  let doc: Y.Doc | null = null;
  let detach = (): void => {};
  // Signing is async: a queue keeps the outbox in the order events were submitted.
  let signing: Promise<void> = Promise.resolve();
  const retriedUnknownKey = new Set<string>();

  const me = (): string => useSession.getState().memberships[spaceId]?.userId ?? '';

  const logIds = (): Set<string> => {
    const ids = new Set<string>();
    if (doc === null) return ids;
    for (const raw of meetingLog(doc).toArray()) {
      const id = (raw as { id?: unknown } | null)?.id;
      if (typeof id === 'string') ids.add(id);
    }
    return ids;
  };

  const flush = (): void => {
    if (provider === null || doc === null || !provider.synced) return;
    const ws = provider.ws;
    if (!ws || ws.readyState !== ws.OPEN) return;
    outbox.seen(logIds());
    const registered = isDeviceRegistered(spaceId, me());
    for (const entry of outbox.due(ws)) {
      // My events wait for my key to be registered, or the server answers unknown-key.
      if (entry.mine && !registered) continue;
      ws.send(encodeEventSubmit(JSON.stringify(entry.event)));
      outbox.sent(entry.event.id, ws);
    }
  };

  const onRefused = (refusal: SubmitRefusal): void => {
    const entry = outbox.remove(refusal.eventId);
    if (entry === null || refusal.code === 'duplicate-id') return;
    if (refusal.code === 'unknown-key' && !retriedUnknownKey.has(refusal.eventId)) {
      // The server forgot the key (restored from an older backup): register
      // it again and send once more.
      retriedUnknownKey.add(refusal.eventId);
      outbox.add(entry);
      void reregisterDevice(spaceId, me()).then(flush, () => {});
      return;
    }
    if (!entry.mine) return;
    recordRefusal({
      room,
      eventId: refusal.eventId,
      type: String((entry.event as { type?: unknown }).type ?? ''),
      code: refusal.code,
      detail: refusal.detail,
    });
  };

  const stopRegistered = onDeviceRegistered(flush);

  return {
    room,
    attach(nextProvider, nextDoc) {
      detach();
      provider = nextProvider;
      doc = nextDoc;
      nextProvider.messageHandlers[MESSAGE_EVENT_REFUSED] = (_encoder, decoder) =>
        onRefused(readEventRefused(decoder));
      const onSync = (synced: boolean): void => {
        if (synced) flush();
      };
      const log = meetingLog(nextDoc);
      const onLog = (): void => {
        if (outbox.size() > 0) outbox.seen(logIds());
      };
      nextProvider.on('sync', onSync);
      log.observe(onLog);
      detach = () => {
        nextProvider.off('sync', onSync);
        log.unobserve(onLog);
      };
      flush();
    },
    submit(event) {
      const run = signing.then(async () => {
        const m = useSession.getState().memberships[spaceId];
        if (!m || m.revoked || m.role === 'observer') {
          recordRefusal({
            room,
            eventId: event.id,
            type: event.type,
            code: 'read-only',
            detail: '',
          });
          return;
        }
        let signed: SignedEvent;
        try {
          const { key } = await deviceKeyFor(spaceId, m.userId);
          const sig = await signBytes(key, eventSigningPayload(room, key.keyId, event));
          signed = { ...event, kid: key.keyId, sig };
        } catch (error) {
          recordRefusal({
            room,
            eventId: event.id,
            type: event.type,
            code: 'no-key',
            detail: error instanceof Error ? error.message : String(error),
          });
          return;
        }
        outbox.add({ event: signed, mine: true });
        flush();
      });
      signing = run.catch(() => {});
      return run;
    },
    resubmit(events) {
      outbox.prepend(events);
      flush();
    },
    pending: () => outbox.ids(),
    dispose() {
      detach();
      stopRegistered();
    },
  };
}

const channels = new Map<string, EventChannel>();
const docRooms = new WeakMap<Y.Doc, string>();

/** Registers a room's channel and its current document (openDoc does). */
export function registerChannel(channel: EventChannel, doc: Y.Doc): void {
  channels.set(channel.room, channel);
  docRooms.set(doc, channel.room);
}

/** Forgets a room's channel (the room closed). */
export function unregisterChannel(channel: EventChannel): void {
  if (channels.get(channel.room) === channel) channels.delete(channel.room);
  channel.dispose();
}

/** The ids of a room's events not yet seen in its log (sent or waiting to be). */
export function pendingEvents(room: string): string[] {
  return channels.get(room)?.pending() ?? [];
}

/** The name of the room a document belongs to, or null for a detached document. */
export function roomOfDoc(doc: Y.Doc): string | null {
  return docRooms.get(doc) ?? null;
}

/**
 * Submits one of my process events to a meeting room (docs/legitimacy.md
 * §1): signed with this device's key, sent on the room's socket, and kept in
 * its outbox until the log holds it. An observer's or removed member's
 * event is refused here already. The target is the room's name or one of
 * its documents (a document replaced after a refused write still names its
 * room). A document that no room holds (tests, a detached copy) has no
 * server to sequence its log: the event is appended to it directly.
 *
 * @example
 * void submitEvent(doc, nextStep(state, me, serverNow()));
 */
export function submitEvent(target: Y.Doc | string, event: MeetingEvent): Promise<void> {
  const room = typeof target === 'string' ? target : roomOfDoc(target);
  const channel = room === null ? undefined : channels.get(room);
  if (channel) return channel.submit(event);
  if (typeof target !== 'string') {
    appendEvent(target, event);
    return Promise.resolve();
  }
  return Promise.reject(new Error(`no open meeting room ${target}`));
}
