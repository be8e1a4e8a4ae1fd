/** The tensions messages, English and French (spread into `en.ts` and `fr.ts`). */
export const tensionsEn = {} as const;

export const tensionsFr: Readonly<Record<keyof typeof tensionsEn, string>> = {};
