import type { NominationInput } from '@ronde/domain';

/**
 * What opens a sealed nomination (nominee, reason, salt) stays on the
 * device that sealed it until the reveal (domain SPEC ELECT-3), in
 * localStorage, keyed by the seal's event id.
 */

export type NominationSecret = NominationInput & { readonly salt: string };

const key = (sealId: string): string => `ronde.nomination.${sealId}`;

/**
 * Keeps a seal's secret on this device.
 *
 * @example
 * keepSecret(event.id, secret);
 */
export function keepSecret(sealId: string, secret: NominationSecret): void {
  try {
    localStorage.setItem(key(sealId), JSON.stringify(secret));
  } catch {
    // Private mode or a full store: the nomination can still be made openly in the change round.
  }
}

/**
 * The secret of a seal made on this device, or null.
 *
 * @example
 * readSecret(seal.id)?.nominee;
 */
export function readSecret(sealId: string): NominationSecret | null {
  try {
    const raw = localStorage.getItem(key(sealId));
    if (raw === null) return null;
    const value = JSON.parse(raw) as Partial<NominationSecret>;
    if (typeof value.nominee !== 'string' || typeof value.reason !== 'string') return null;
    if (typeof value.salt !== 'string') return null;
    return { nominee: value.nominee, reason: value.reason, salt: value.salt };
  } catch {
    return null;
  }
}
