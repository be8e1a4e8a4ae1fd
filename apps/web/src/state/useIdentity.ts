import { useMemo } from 'react';
import { useMatch } from 'react-router';
import { colorForUser } from '../identity/userColor.ts';
import { useSession, type Membership } from './session.ts';

/** Who this person is in a space, as others see them in presence lists and carets. */
export interface Identity {
  readonly id: string;
  readonly name: string;
  readonly color: string;
}

/**
 * This device's membership of a space, or null when it has none.
 *
 * @example
 * const membership = useMembership(spaceId);
 * if (membership?.role === 'observer') showReadOnlyNotice();
 */
export function useMembership(spaceId: string): Membership | null {
  return useSession((s) => s.memberships[spaceId] ?? null);
}

/**
 * Who I am in a space: the member id the server issued for it (it goes into
 * awareness, meeting people and process events), with the name the space
 * knows me by (the only one the server lets me write there, NAME-4: none
 * where it knows me by none; this device's name for a membership kept
 * before the server told names). Empty id when the device is
 * not a member (pages ask for an invitation first).
 *
 * @example
 * const me = useIdentity(spaceId); // { id: 'k3Jd…', name: 'Awa', color: '#1f6f8b' }
 */
export function useIdentity(spaceId: string): Identity {
  const id = useSession((s) => s.memberships[spaceId]?.userId ?? '');
  // `??`, not `||`: a space that knows this member by no name lets them write none (NAME-4).
  const name = useSession((s) => s.memberships[spaceId]?.name ?? s.name);
  return useMemo(() => ({ id, name, color: colorForUser(id) }), [id, name]);
}

/**
 * This device's identity where no space is involved (the header).
 *
 * @example
 * const me = useDeviceIdentity();
 */
export function useDeviceIdentity(): Identity {
  const id = useSession((s) => s.userId);
  const name = useSession((s) => s.name);
  return useMemo(() => ({ id, name, color: colorForUser(id) }), [id, name]);
}

/**
 * Who I am on the page shown: my identity in its space when I am a member
 * (the colour others see on my caret and in the presence list), else this
 * device's. The header shows it, so my dot there matches my avatar.
 *
 * @example
 * const me = useShownIdentity(); // in /s/:spaceId/…, my member colour
 */
export function useShownIdentity(): Identity {
  const spaceId = useMatch('/s/:spaceId/*')?.params.spaceId ?? '';
  const device = useDeviceIdentity();
  const member = useIdentity(spaceId);
  return member.id ? member : device;
}
