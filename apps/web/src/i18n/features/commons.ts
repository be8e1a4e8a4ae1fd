/** The commons messages, English and French (spread into `en.ts` and `fr.ts`). */
export const commonsEn = {
  'commons.export': 'Export:',
  'commons.group': 'Export “{name}” (CC BY-SA 4.0)',
  'commons.button': 'Export “{name}” as {format}',
  'commons.format.md': 'Markdown',
  'commons.format.html': 'HTML',
  'commons.format.json': 'JSON',
  'commons.failed': 'The export could not be downloaded. Try again.',
  'commons.log': 'the decision log of {space}',
} as const;

export const commonsFr: Readonly<Record<keyof typeof commonsEn, string>> = {
  'commons.export': 'Exporter :',
  'commons.group': 'Exporter « {name} » (CC BY-SA 4.0)',
  'commons.button': 'Exporter « {name} » en {format}',
  'commons.format.md': 'Markdown',
  'commons.format.html': 'HTML',
  'commons.format.json': 'JSON',
  'commons.failed': 'L’export n’a pas pu être téléchargé. Réessayez.',
  'commons.log': 'le registre des décisions de {space}',
} as const;
