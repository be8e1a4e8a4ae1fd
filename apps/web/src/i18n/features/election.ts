/** The election messages, English and French (spread into `en.ts` and `fr.ts`). */
export const electionEn = {} as const;

export const electionFr: Readonly<Record<keyof typeof electionEn, string>> = {};
