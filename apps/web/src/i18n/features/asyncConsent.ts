/** The asyncConsent messages, English and French (spread into `en.ts` and `fr.ts`). */
export const asyncConsentEn = {} as const;

export const asyncConsentFr: Readonly<Record<keyof typeof asyncConsentEn, string>> = {};
