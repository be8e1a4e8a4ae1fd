import {
  VERSION_SECTIONS,
  type VersionSection,
  type VersionToken,
  type VersionTokens,
} from './versionTokens.ts';

/** Who a Yjs client id belongs to, as the server attests it (`null`: nobody bound). */
export type AuthorOf = (client: number) => string | null;

/** A stretch of text by one author. */
export interface AuthoredRun {
  readonly text: string;
  /** The member bound to the client that wrote it (`@server`, or `null` when unbound). */
  readonly author: string | null;
}

/** A paragraph, heading or list item (`title` and `driver` are one `text` block each). */
export interface AuthoredBlock {
  readonly type: string;
  readonly runs: readonly AuthoredRun[];
}

export type AuthoredVersion = Readonly<Record<VersionSection, readonly AuthoredBlock[]>>;

/** Characters of the visible text per author (`null`: unbound). */
export interface AuthorShare {
  readonly author: string | null;
  /** Code points of the body, title and driver this author wrote that are still there. */
  readonly chars: number;
}

/**
 * The version's text grouped into blocks of runs, each run one author's
 * (SPEC HIST-1): adjacent pieces of one author in one block join.
 *
 * @example
 * authoredVersion(versionTokens(doc), (client) => bindings.get(client) ?? null);
 */
export function authoredVersion(tokens: VersionTokens, authorOf: AuthorOf): AuthoredVersion {
  const result = {} as Record<VersionSection, AuthoredBlock[]>;
  for (const section of VERSION_SECTIONS) {
    result[section] = groupBlocks(tokens[section], section === 'body' ? null : 'text').map(
      (block) => ({
        type: block.type,
        runs: joinRuns(
          block.chars.map((t) => ({ text: t.text, author: authorOf(t.client) })),
          sameAuthor,
        ),
      }),
    );
  }
  return result;
}

const sameAuthor = (a: AuthoredRun, b: AuthoredRun): boolean => a.author === b.author;

/**
 * The surviving text's code points per author, most first, ties by author
 * id (`null` last) (SPEC HIST-3). Block breaks count nothing.
 *
 * @example
 * authorShares(versionTokens(doc), authorOf); // [{ author: 'u1', chars: 120 }, …]
 */
export function authorShares(tokens: VersionTokens, authorOf: AuthorOf): AuthorShare[] {
  const counts = new Map<string | null, number>();
  for (const section of VERSION_SECTIONS) {
    for (const token of tokens[section]) {
      if (token.kind !== 'text') continue;
      const author = authorOf(token.client);
      counts.set(author, (counts.get(author) ?? 0) + codePoints(token.text));
    }
  }
  return [...counts]
    .filter(([, chars]) => chars > 0)
    .map(([author, chars]) => ({ author, chars }))
    .sort(
      (a, b) =>
        b.chars - a.chars ||
        (a.author === null ? 1 : b.author === null ? -1 : a.author < b.author ? -1 : 1),
    );
}

/** The plain text of a version, sections and blocks joined by newlines: what "changed" compares. */
export function versionPlainText(tokens: VersionTokens): string {
  return VERSION_SECTIONS.map((section) =>
    tokens[section].map((t) => (t.kind === 'text' ? t.text : '\n')).join(''),
  ).join('\n\u0000\n');
}

export interface TokenBlock<T> {
  readonly type: string;
  readonly block: VersionToken | null;
  readonly chars: T[];
}

/** Splits a token list at its block starts; text before the first one is a paragraph. */
export function groupBlocks(
  tokens: readonly VersionToken[],
  fixedType: string | null,
): TokenBlock<Extract<VersionToken, { kind: 'text' }>>[] {
  const blocks: TokenBlock<Extract<VersionToken, { kind: 'text' }>>[] = [];
  for (const token of tokens) {
    if (token.kind === 'block') {
      blocks.push({ type: fixedType ?? token.type, block: token, chars: [] });
      continue;
    }
    let last = blocks.at(-1);
    if (last === undefined) {
      last = { type: fixedType ?? 'paragraph', block: null, chars: [] };
      blocks.push(last);
    }
    last.chars.push(token);
  }
  return blocks;
}

/**
 * Joins adjacent runs that `same` says belong together, their texts
 * concatenated once per joined run (not once per piece).
 */
export function joinRuns<R extends { readonly text: string }>(
  runs: readonly R[],
  same: (a: R, b: R) => boolean,
): R[] {
  const joined: R[] = [];
  let parts: string[] = [];
  let head: R | undefined;
  const flush = () => {
    if (head === undefined) return;
    joined.push(parts.length === 1 ? head : { ...head, text: parts.join('') });
  };
  for (const run of runs) {
    if (run.text === '') continue;
    if (head !== undefined && same(head, run)) {
      parts.push(run.text);
      continue;
    }
    flush();
    head = run;
    parts = [run.text];
  }
  flush();
  return joined;
}

/** Code points of a UTF-16 string: its units less the low halves of surrogate pairs (any low surrogate). */
export function codePoints(text: string): number {
  if (!LOW_SURROGATE.test(text)) return text.length;
  let count = text.length;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0xdc00 && unit <= 0xdfff) count--;
  }
  return count;
}

const LOW_SURROGATE = /[\udc00-\udfff]/;
