/** The commons messages, English and French (spread into `en.ts` and `fr.ts`). */
export const commonsEn = {} as const;

export const commonsFr: Readonly<Record<keyof typeof commonsEn, string>> = {};
