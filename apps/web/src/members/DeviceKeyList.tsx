import type { DeviceKeyInfo, MemberInfo } from '../api/trust.ts';
import { formatLocale } from '../i18n/formatTime.ts';
import { useLanguage, useT } from '../i18n/useT.ts';

/**
 * The space's signing keys (docs/legitimacy.md §2): each member's devices,
 * by key id, so anyone checking an exported decision offline can tell whose
 * key signed which event. Keys stay listed after their member left: the
 * history they signed must stay verifiable.
 *
 * @example
 * <DeviceKeyList keys={keys} members={members} />
 */
export function DeviceKeyList({
  keys,
  members,
}: {
  keys: readonly DeviceKeyInfo[];
  members: readonly MemberInfo[];
}) {
  const t = useT();
  const language = useLanguage();
  if (keys.length === 0) return <p className="hint">{t('members.keys.none')}</p>;
  const names = new Map(members.map((m) => [m.userId, m.name || t('members.unnamed')]));
  const date = new Intl.DateTimeFormat(formatLocale(language), { dateStyle: 'medium' });
  return (
    <table className="key-list">
      <caption className="visually-hidden">{t('members.keys.caption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('members.keys.person')}</th>
          <th scope="col">{t('members.keys.key')}</th>
          <th scope="col">{t('members.keys.added')}</th>
        </tr>
      </thead>
      <tbody>
        {keys.map((key) => (
          <tr key={key.keyId}>
            <td>{names.get(key.userId) ?? t('members.keys.former')}</td>
            <td>
              <code>{key.keyId}</code>
            </td>
            <td>{key.addedAt === null ? '' : date.format(key.addedAt)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
