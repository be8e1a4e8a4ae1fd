/** The timeBank messages, English and French (spread into `en.ts` and `fr.ts`). */
export const timeBankEn = {} as const;

export const timeBankFr: Readonly<Record<keyof typeof timeBankEn, string>> = {};
