/** The cockpit messages, English and French (spread into `en.ts` and `fr.ts`). */
export const cockpitEn = {} as const;

export const cockpitFr: Readonly<Record<keyof typeof cockpitEn, string>> = {};
