import { useEffect, useRef, useState } from 'react';
import type { MemberInfo, SpacePerson } from '../api/trust.ts';
import { Loading } from '../components/Loading.tsx';
import { useT } from '../i18n/useT.ts';
import { DeviceKeyList } from './DeviceKeyList.tsx';
import { PeopleList } from './PeopleList.tsx';
import { useDeviceKeys } from './useDeviceKeys.ts';
import { useSpacePeople } from './useSpacePeople.ts';

/** Where a retry was asked for, so focus can wait there for the new answer. */
type Retried = 'people' | 'keys' | null;

/** The directory in the shape DeviceKeyList names people from (it reads no more than these). */
const asMembers = (people: readonly SpacePerson[]): MemberInfo[] =>
  people.map((p) => ({ ...p, joinedAt: null, inviteId: null }));

/**
 * What a member who is not an admin sees of the people of their space: who
 * is in it, with which role, and their devices' signing keys; read-only.
 *
 * @example
 * <MemberDirectory spaceId={spaceId} selfId={selfId} />
 */
export function MemberDirectory({ spaceId, selfId }: { spaceId: string; selfId: string }) {
  const [attempt, setAttempt] = useState<{ n: number; from: Retried }>({ n: 0, from: null });
  // The people hook fetches on mount and on focus only: a retry mounts it anew.
  return (
    <DirectoryView
      key={attempt.n}
      spaceId={spaceId}
      selfId={selfId}
      retriedFrom={attempt.from}
      onRetry={(from) => setAttempt((a) => ({ n: a.n + 1, from }))}
    />
  );
}

function DirectoryView({
  spaceId,
  selfId,
  retriedFrom,
  onRetry,
}: {
  spaceId: string;
  selfId: string;
  retriedFrom: Retried;
  onRetry: (from: Retried) => void;
}) {
  const t = useT();
  const { people, status } = useSpacePeople(spaceId);
  const { keys, status: keyStatus } = useDeviceKeys(spaceId);
  const peopleTitle = useRef<HTMLHeadingElement>(null);
  const keysTitle = useRef<HTMLHeadingElement>(null);

  // The retry button is gone with the old view: keep focus in its section.
  useEffect(() => {
    if (retriedFrom === 'people') peopleTitle.current?.focus();
    if (retriedFrom === 'keys') keysTitle.current?.focus();
  }, [retriedFrom]);

  return (
    <>
      <section aria-labelledby="people-title" className="stack">
        <h2 id="people-title" ref={peopleTitle} tabIndex={-1}>
          {t('members.people')}
        </h2>
        <p className="hint">{t('members.adminsOnly')}</p>
        {status === 'failed' && (
          <Failure
            message={t(people === null ? 'members.peopleFailed' : 'members.peopleStale')}
            retry={t('members.retryPeople')}
            onRetry={() => onRetry('people')}
          />
        )}
        {people !== null ? (
          <PeopleList people={people} selfId={selfId} />
        ) : (
          status === 'loading' && <Loading message={t('members.loading')} />
        )}
      </section>
      <section aria-labelledby="keys-title" className="stack">
        <h2 id="keys-title" ref={keysTitle} tabIndex={-1}>
          {t('members.keys.title')}
        </h2>
        <p className="hint">{t('members.keys.hint')}</p>
        {keyStatus === 'failed' ? (
          <Failure
            message={t('members.keys.failed')}
            retry={t('members.keys.retry')}
            onRetry={() => onRetry('keys')}
          />
        ) : keys !== null && people !== null ? (
          <DeviceKeyList keys={keys} members={asMembers(people)} />
        ) : (
          // Keys are named by the people: without them, the people's alert above says why.
          status !== 'failed' && <Loading message={t('members.loading')} />
        )}
      </section>
    </>
  );
}

function Failure({
  message,
  retry,
  onRetry,
}: {
  message: string;
  retry: string;
  onRetry: () => void;
}) {
  return (
    <div role="alert" className="alert">
      <p>{message}</p>
      <button type="button" className="button button--small" onClick={onRetry}>
        {retry}
      </button>
    </div>
  );
}
