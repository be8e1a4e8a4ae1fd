import type { VersionMeta } from '@ronde/domain';
import type { Translate } from '../i18n/useT.ts';

/** A version's name for people: the member's name for it, else what filed it. */
export function versionLabel(t: Translate, version: VersionMeta): string {
  return version.kind === 'named' && version.name !== ''
    ? version.name
    : t(`history.kind.${version.kind}`);
}

/** Up to eight distinct author tints, by rank in the version (most text first). */
export const AUTHOR_TINTS = 8;
