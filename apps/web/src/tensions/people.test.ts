import { addAction, initSpace, listActions, listTensions, logTension } from '@ronde/domain';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { SpacePerson } from '../api/trust.ts';
import { knownPeople, nameOf, ownerNameToWrite } from './people.ts';

const ME = { id: 'meuser01', name: 'Awa' };

/** A space whose records name Ben (a tension) and Eve (an action's owner, as "Eve"). */
function records() {
  const doc = new Y.Doc();
  initSpace(doc, { id: 'space001', name: 'Coop', circleName: 'General', now: 1 });
  logTension(doc, {
    id: 'ten00001',
    by: 'benuser1',
    byName: 'Ben',
    what: 'x',
    couldBe: '',
    now: 2,
  });
  addAction(doc, {
    id: 'act00001',
    kind: 'action',
    title: 'Call the bank',
    ownerId: 'eveuser1',
    ownerName: 'Eve',
    by: ME.id,
    dueDate: null,
    now: 3,
  });
  return { tensions: listTensions(doc), actions: listActions(doc) };
}

const member = (userId: string, name: string): SpacePerson => ({ userId, name, role: 'member' });

describe('knownPeople', () => {
  it('without a directory, offers oneself then the records’ names, none of them listed', () => {
    const { tensions, actions } = records();
    expect(knownPeople(ME, null, [{ decide01: 'Cyd' }], tensions, actions)).toEqual([
      { ...ME, listed: false },
      { id: 'benuser1', name: 'Ben', listed: false },
      { id: 'decide01', name: 'Cyd', listed: false },
      { id: 'eveuser1', name: 'Eve', listed: false },
    ]);
  });

  it('offers a member no record names yet, by the directory’s name, listed', () => {
    const { tensions, actions } = records();
    const people = knownPeople(
      ME,
      [member(ME.id, 'Awa'), member('zoeuser1', 'Zoé')],
      [],
      tensions,
      actions,
    );
    expect(people[0]).toEqual({ ...ME, listed: true });
    expect(people).toContainEqual({ id: 'zoeuser1', name: 'Zoé', listed: true });
    expect(ownerNameToWrite(people, 'zoeuser1')).toBe('Zoé');
  });

  it('names a member by the directory, not by a stale or claimed record', () => {
    const { tensions, actions } = records();
    // Eve renamed herself; the action still says "Eve", and a decision calls Ben "Benny".
    const people = knownPeople(
      ME,
      [member('eveuser1', 'Eve Durand'), member('benuser1', 'Ben')],
      [{ benuser1: 'Benny' }],
      tensions,
      actions,
    );
    expect(nameOf(people, 'eveuser1', 'Eve')).toBe('Eve Durand');
    expect(nameOf(people, 'benuser1', '?')).toBe('Ben');
    expect(ownerNameToWrite(people, 'eveuser1')).toBe('Eve Durand');
  });

  it('keeps a former member by their recorded name, unlisted: never written', () => {
    const { tensions, actions } = records();
    const people = knownPeople(
      ME,
      [member(ME.id, 'Awa'), member('benuser1', 'Ben')],
      [],
      tensions,
      actions,
    );
    expect(people).toContainEqual({ id: 'eveuser1', name: 'Eve', listed: false });
    expect(nameOf(people, 'eveuser1', '?')).toBe('Eve');
    expect(ownerNameToWrite(people, 'eveuser1')).toBe('');
  });

  it('lists oneself first, then current members by name, then former ones', () => {
    const { tensions, actions } = records();
    const people = knownPeople(
      { id: ME.id, name: 'Awa (this device)' },
      [
        member('zoeuser1', 'Zoé'),
        member(ME.id, 'Awa'),
        member('adauser1', 'Ada'),
        member('nonameu1', ''),
      ],
      [{ aaronus1: 'Aaron' }],
      tensions,
      actions,
    );
    expect(people.map((p) => p.id)).toEqual([
      ME.id,
      'adauser1',
      'zoeuser1',
      'nonameu1',
      'aaronus1',
      'benuser1',
      'eveuser1',
    ]);
    // The directory names oneself too: the device's own name is not what the space registered.
    expect(people[0]).toEqual({ id: ME.id, name: 'Awa', listed: true });
  });

  it('offers an unnamed member, shown by the fallback and written as no name', () => {
    const people = knownPeople(ME, [member('nonameu1', '')], [{ nonameu1: 'Claimed' }], [], []);
    expect(people).toContainEqual({ id: 'nonameu1', name: '', listed: true });
    expect(nameOf(people, 'nonameu1', 'Someone')).toBe('Someone');
    expect(ownerNameToWrite(people, 'nonameu1')).toBe('');
  });

  it('oneself, unlisted while the directory is not loaded, is written as no name', () => {
    const people = knownPeople(ME, null, [], [], []);
    expect(people).toEqual([{ ...ME, listed: false }]);
    expect(ownerNameToWrite(people, ME.id)).toBe('');
    expect(ownerNameToWrite(people, 'unknown1')).toBe('');
  });
});
