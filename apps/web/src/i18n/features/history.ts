/** The history messages, English and French (spread into `en.ts` and `fr.ts`). */
export const historyEn = {} as const;

export const historyFr: Readonly<Record<keyof typeof historyEn, string>> = {};
