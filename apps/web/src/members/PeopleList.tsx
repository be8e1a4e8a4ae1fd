import type { SpacePerson } from '../api/trust.ts';
import { useT } from '../i18n/useT.ts';

/**
 * The members of a space, read-only, in the order given: each one's name,
 * "(you)" beside oneself, and their role in words.
 *
 * @example
 * <PeopleList people={people} selfId={selfId} />
 */
export function PeopleList({ people, selfId }: { people: readonly SpacePerson[]; selfId: string }) {
  const t = useT();
  if (people.length === 0) return <p className="hint">{t('members.noMembers')}</p>;
  return (
    <ul className="member-list">
      {people.map((person) => (
        <li key={person.userId} className="member">
          <span className="member__name">
            {person.name || t('members.unnamed')}
            {person.userId === selfId && <span className="meta"> {t('members.you')}</span>}
          </span>
          {/* Heard as "Ana (you): Admin", seen as two columns. */}
          <span className="visually-hidden">{t('text.colon')}</span>
          <span className="meta">{t(`role.${person.role}`)}</span>
        </li>
      ))}
    </ul>
  );
}
