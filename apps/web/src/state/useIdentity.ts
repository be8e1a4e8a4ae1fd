import { useMemo } from 'react';
import { colorForUser } from '../identity/userColor.ts';
import { useSession } from './session.ts';

/** Who this device is, as others see it in presence lists and carets. */
export interface Identity {
  readonly id: string;
  readonly name: string;
  readonly color: string;
}

/**
 * This device's identity, stable until the name changes.
 *
 * @example
 * const me = useIdentity(); // { id: 'k3Jd…', name: 'Awa', color: '#1f6f8b' }
 */
export function useIdentity(): Identity {
  const id = useSession((s) => s.userId);
  const name = useSession((s) => s.name);
  return useMemo(() => ({ id, name, color: colorForUser(id) }), [id, name]);
}
