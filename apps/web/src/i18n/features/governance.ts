/** The governance page's anchors messages, English and French (spread into `en.ts` and `fr.ts`). */
export const governanceEn = {
  'gov.anchor.link': 'Link to this record: “{name}”',
  'gov.anchor.linkText': 'Link to this record',
} as const;

export const governanceFr: Readonly<Record<keyof typeof governanceEn, string>> = {
  'gov.anchor.link': 'Lien vers cet enregistrement : « {name} »',
  'gov.anchor.linkText': 'Lien vers cet enregistrement',
};
