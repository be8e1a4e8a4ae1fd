import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import {
  eventSigningPayload,
  foldMeeting,
  listAgenda,
  listPeople,
  readLog,
  type MeetingEvent,
  type MeetingState,
} from '@ronde/domain';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import type { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { deviceKeyId } from '../src/deviceKeys.ts';
import {
  MESSAGE_AUTH,
  MESSAGE_EVENT,
  MESSAGE_EVENT_REFUSED,
  encodeUpdate,
} from '../src/protocol.ts';
import {
  api,
  connectWithToken,
  inviteOverHttp,
  rawClient,
  redeemOverHttp,
  waitFor,
  type Grant,
  type RawClient,
} from './helpers.ts';

/**
 * What the hostile-client suite needs: members with registered device keys,
 * stock clients, bare sockets that send hand-made updates and events, and
 * the stored state read back through a fresh stock client.
 */

export interface Member extends Grant {
  readonly kid: string;
  /** Signs an event as this member's device would (docs/legitimacy.md §2). */
  sign(room: string, event: MeetingEvent): MeetingEvent & { kid: string; sig: string };
}

/** Registers a fresh Ed25519 device key for `grant` over HTTP. */
export async function withDeviceKey(port: number, grant: Grant): Promise<Member> {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const raw = publicKey.export({ format: 'jwk' }).x ?? '';
  const answer = await api(port, 'POST', `/api/spaces/${grant.spaceId}/devices`, {
    token: grant.token,
    body: { publicKey: raw },
  });
  if (answer.status !== 201) throw new Error(`device key: HTTP ${answer.status}`);
  const kid = deviceKeyId(Buffer.from(raw, 'base64url'));
  return { ...grant, kid, sign: signer(kid, privateKey) };
}

export function signer(kid: string, privateKey: KeyObject) {
  return (room: string, event: MeetingEvent): MeetingEvent & { kid: string; sig: string } => {
    const sig = sign(null, eventSigningPayload(room, kid, event), privateKey).toString('base64url');
    return { ...event, kid, sig };
  };
}

/** A member of `role` invited by the admin, with a device key. */
export async function invited(
  port: number,
  admin: Grant,
  role: string,
  name: string,
): Promise<Member> {
  const invite = await inviteOverHttp(port, admin, role);
  return withDeviceKey(port, await redeemOverHttp(port, invite.code, name));
}

export const syncPath = (room: string, token: string): string =>
  `/sync/${room}?token=${encodeURIComponent(token)}`;

/** Message 5: one event for the server to append. */
export function encodeEvent(event: unknown): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_EVENT);
  encoding.writeVarString(encoder, JSON.stringify(event));
  return encoding.toUint8Array(encoder);
}

/** The refusals (message 6) a raw client received. */
export function refusals(client: RawClient): Array<{ id: string; code: string; detail: string }> {
  return client.messages
    .filter((m) => m[0] === MESSAGE_EVENT_REFUSED)
    .map((m) => {
      const decoder = decoding.createDecoder(m);
      decoding.readVarUint(decoder);
      return {
        id: decoding.readVarString(decoder),
        code: decoding.readVarString(decoder),
        detail: decoding.readVarString(decoder),
      };
    });
}

/** The permission-denied reasons a raw client received. */
export function deniedReasons(client: RawClient): string[] {
  return client.messages
    .filter((m) => m[0] === MESSAGE_AUTH)
    .map((m) => {
      const decoder = decoding.createDecoder(m);
      decoding.readVarUint(decoder);
      decoding.readVarUint(decoder);
      return decoding.readVarString(decoder);
    });
}

/**
 * A hostile member's socket with a replica of the room: `edit` changes the
 * replica and sends exactly that change as a hand-made update.
 */
export interface Hostile {
  readonly client: RawClient;
  readonly doc: Y.Doc;
  edit(change: (doc: Y.Doc) => void): void;
  send(bytes: Uint8Array): void;
}

export async function hostile(
  port: number,
  room: string,
  member: Grant,
  state: Y.Doc,
): Promise<Hostile> {
  const client = rawClient(port, syncPath(room, member.token));
  await client.opened;
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(state));
  return {
    client,
    doc,
    edit(change) {
      const before = Y.encodeStateVector(doc);
      change(doc);
      client.socket.send(encodeUpdate(Y.encodeStateAsUpdate(doc, before)));
    },
    send(bytes) {
      client.socket.send(bytes);
    },
  };
}

/** A stock client, synced. */
export async function honest(
  port: number,
  room: string,
  member: Grant,
): Promise<{ doc: Y.Doc; provider: WebsocketProvider }> {
  const client = connectWithToken(port, room, member.token);
  await waitFor(() => client.provider.synced, `${member.userId} synced in ${room}`);
  return client;
}

/** What the server stores for `room`, read through a fresh stock client. */
export async function stored(port: number, room: string, member: Grant): Promise<Y.Doc> {
  const client = await honest(port, room, member);
  client.provider.destroy();
  return client.doc;
}

export function fold(doc: Y.Doc): MeetingState {
  return foldMeeting(readLog(doc), { agenda: listAgenda(doc), people: listPeople(doc) });
}

/** The fold's outcome, without the per-entry results' volatile parts: what a refusal must not change. */
export function foldSummary(doc: Y.Doc): unknown {
  const state = fold(doc);
  return {
    phase: state.phase,
    currentItemId: state.currentItemId,
    roles: state.roles,
    items: state.items.map((item) => ({
      id: item.id,
      status: item.status,
      process: item.process,
      positions: item.positions.length,
      objections: item.objections.length,
      outcome: item.outcome?.outcome ?? null,
    })),
    results: state.results.map((r) => `${r.id}:${r.status}`),
  };
}
