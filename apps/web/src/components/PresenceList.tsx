import type { Awareness } from 'y-protocols/awareness';
import { usePresence } from '../hooks/usePresence.ts';
import { useT } from '../i18n/useT.ts';

/** Who is here, from awareness: one line per person, in their colour. */
export function PresenceList({
  awareness,
  selfUserId,
}: {
  awareness: Awareness;
  selfUserId: string;
}) {
  const t = useT();
  const people = usePresence(awareness, selfUserId);
  return (
    <section className="presence" aria-labelledby="presence-title">
      <h2 id="presence-title" className="presence__title">
        {t('proposal.present')} <span className="presence__count">{people.length}</span>
      </h2>
      <ul aria-label={t('proposal.present')} className="presence__list">
        {people.map((p) => (
          <li key={p.userId} className="presence__person">
            <span className="avatar" style={{ background: p.color }} aria-hidden="true">
              {p.name.trim().charAt(0).toUpperCase()}
            </span>
            <span className="presence__name" style={{ color: p.color }}>
              {p.name}
            </span>
            {p.isSelf && <span className="meta"> {t('proposal.you')}</span>}
          </li>
        ))}
      </ul>
    </section>
  );
}
