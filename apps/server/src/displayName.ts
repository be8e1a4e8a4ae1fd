/** Longest display name, in code points, after normalisation (NAME-3). */
export const MAX_NAME_LENGTH = 100;

/** Consecutive combining marks allowed on one base character (NAME-3): enough for any script, not for "Zalgo" text. */
const MAX_MARKS_IN_A_ROW = 5;

export type NameCheck =
  { readonly ok: true; readonly name: string } | { readonly ok: false; readonly reason: string };

/**
 * Control (Cc), format (Cf) and lone surrogate (Cs) characters, except the
 * zero-width joiner and non-joiner (U+200C, U+200D): emoji sequences and
 * Persian or Indic names need them, and they cannot reorder text. The rest
 * of Cf is what bidi tricks use (U+200E/F, U+202A–U+202E, U+2066–U+2069,
 * U+061C) or what hides in a name (U+FEFF, U+2060–U+2064, tags).
 */
const FORBIDDEN = /(?![\u200C\u200D])[\p{Cc}\p{Cf}\p{Cs}]/u;
const MARK_RUN = new RegExp(`\\p{M}{${MAX_MARKS_IN_A_ROW + 1}}`, 'u');

function codePoint(char: string): string {
  return `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * A display name as the server stores it (NAME-1…3): NFC, trimmed, each run
 * of whitespace one space; refused when it holds a control or format
 * character (other than ZWJ/ZWNJ), too many stacked marks, or is empty or
 * longer than {@link MAX_NAME_LENGTH} code points.
 *
 * @example
 * normalizeDisplayName('  Ada \u00A0 Lovelace '); // { ok: true, name: 'Ada Lovelace' }
 * normalizeDisplayName('Ada\u202Eecalevol'); // { ok: false, reason: 'contains U+202E …' }
 */
export function normalizeDisplayName(raw: string): NameCheck {
  const nfc = raw.normalize('NFC');
  // Before collapsing whitespace: JavaScript's \s counts U+FEFF as a space.
  const forbidden = FORBIDDEN.exec(nfc);
  if (forbidden) {
    return {
      ok: false,
      reason: `contains ${codePoint(forbidden[0])}, a control or invisible formatting character`,
    };
  }
  if (MARK_RUN.test(nfc)) {
    return { ok: false, reason: `more than ${MAX_MARKS_IN_A_ROW} combining marks in a row` };
  }
  const name = nfc.replace(/\s+/gu, ' ').trim();
  if (name === '') return { ok: false, reason: 'is empty' };
  const length = [...name].length;
  if (length > MAX_NAME_LENGTH) {
    return { ok: false, reason: `is ${length} characters long, at most ${MAX_NAME_LENGTH}` };
  }
  return { ok: true, name };
}

/**
 * NAME-4: a name a member writes for themselves is their registered one
 * (`registered`, as the server stored it); a member the space knows by no
 * name (`''`: a space created without `memberName`) writes none until they
 * name themselves (NAME-5). The refusal reason, or `null`; `registered`
 * undefined (auth off): not checked.
 *
 * @example
 * ownNameRefusal('Ada', 'Cy'); // 'a display name other than one’s own (NAME-4)'
 * ownNameRefusal('Ada', ''); // 'a display name from a member the space knows by none …'
 */
export function ownNameRefusal(value: unknown, registered: string | undefined): string | null {
  if (registered === undefined || value === registered) return null;
  return registered === ''
    ? 'a display name from a member the space knows by none: name yourself first (NAME-4, NAME-5)'
    : 'a display name other than one’s own (NAME-4)';
}

/**
 * Cyrillic and Greek letters drawn like a Latin one (from Unicode's
 * confusables: the letters a name is most often forged with, not the whole
 * of UTS #39), and the Latin letter each reads as, by case: capital Greek Nu
 * looks like N, small nu like v. `LOOK_ALIKE_OF[i]` reads as `LOOK_ALIKE_AS[i]`.
 */
export const LOOK_ALIKE_OF = 'АВЕКМНОРСТУХІЈЅӀаеорсухіјѕһԁԛԝӏΑΒΕΖΗΙΚΜΝΟΡΤΥΧονρικυαı';
export const LOOK_ALIKE_AS = 'ABEKMHOPCTYXIJSIaeopcyxijshdqwlABEZHIKMNOPTYXovpikuai';
const LOOK_ALIKES = new Map([...LOOK_ALIKE_OF].map((char, i) => [char, LOOK_ALIKE_AS[i] ?? char]));
const LOOK_ALIKE = new RegExp(`[${LOOK_ALIKE_OF}]`, 'gu');

/**
 * The form two names are compared in (NAME-7): compatibility-normalised
 * (NFKC: full-width letters, ligatures and the like fold to their plain
 * forms), look-alike Cyrillic and Greek letters read as the Latin ones they
 * imitate, then lower-cased: "Awa", "AWA", "Ａｗａ" and "Аwa" (Cyrillic А)
 * are one name.
 */
function nameKey(name: string): string {
  return name
    .normalize('NFKC')
    .replace(LOOK_ALIKE, (char) => LOOK_ALIKES.get(char) ?? char)
    .toLowerCase();
}

/**
 * NAME-7: whether a member other than `self` goes by `name` among `members`
 * (compared by {@link nameKey}). An empty name (an unnamed member) is never
 * taken.
 *
 * @example
 * nameTaken([{ userId: 'u1', name: 'Awa' }], 'awa'); // true
 * nameTaken([{ userId: 'u1', name: 'Awa' }], 'Awa', 'u1'); // false: her own
 */
export function nameTaken(
  members: Iterable<{ readonly userId: string; readonly name: string }>,
  name: string,
  self?: string,
): boolean {
  if (name === '') return false;
  const key = nameKey(name);
  for (const member of members) {
    if (member.userId !== self && member.name !== '' && nameKey(member.name) === key) return true;
  }
  return false;
}
