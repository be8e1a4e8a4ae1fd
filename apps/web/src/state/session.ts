import { newId } from '@ronde/domain';
import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import { isSpaceRole, type SpaceRole } from '../api/trust.ts';
import { detectLanguage, isLanguage, type Language } from '../i18n/translate.ts';

/**
 * This device's membership of one space: the server-issued user id, the
 * membership key (a secret that only obtains session tokens), the role, the
 * name the server knows, and the current session token.
 */
export interface Membership {
  readonly userId: string;
  readonly key: string;
  readonly role: SpaceRole;
  readonly name: string;
  readonly token: string;
  /** When the token expires, epoch ms (server clock). */
  readonly expiresAt: number;
  /** When this device received the token, epoch ms (its own clock). */
  readonly receivedAt: number;
  /** The server said this member was removed: the key no longer works. */
  readonly revoked?: boolean;
}

/** A space this device opened, for the home page's list. */
export interface RecentSpace {
  readonly id: string;
  readonly name: string;
  readonly openedAt: number;
  /** A practice space, shown marked in the list (PRACTICE-1). */
  readonly practice?: boolean;
}

/**
 * The local session: who this device is, its language and what it opened.
 * Nothing here is shared; shared state lives in Yjs documents.
 */
export interface SessionState {
  /** Generated once per device; the device's own id where no space is involved. */
  readonly userId: string;
  /** This device's memberships, by space id. */
  readonly memberships: Readonly<Record<string, Membership>>;
  /** Links shown once on this device (not persisted): admin links by space id. */
  readonly adminLinks: Readonly<Record<string, string>>;
  /** The space's share link (its default member invite), by space id (not persisted). */
  readonly shareLinks: Readonly<Record<string, string>>;
  /** The display name, empty until the person picks one. */
  readonly name: string;
  readonly language: Language;
  readonly recentSpaces: readonly RecentSpace[];
  /** Whether the name dialog is open (asked for by "Change name"). */
  readonly nameDialogOpen: boolean;
  /** Server clock minus this device's clock, in ms, measured over the socket (not persisted). */
  readonly serverOffsetMs: number;
  setName(name: string): void;
  setLanguage(language: Language): void;
  rememberSpace(space: RecentSpace): void;
  /** Forgets a deleted space: its membership, links and place in the list. */
  forgetSpace(spaceId: string): void;
  openNameDialog(): void;
  closeNameDialog(): void;
  setServerOffset(offsetMs: number): void;
  /** Stores (or replaces) the membership of a space. */
  setMembership(spaceId: string, membership: Membership): void;
  /** Stores a new session token (and the role and name the server sent with it). */
  updateSession(
    spaceId: string,
    session: {
      token: string;
      expiresAt: number;
      receivedAt: number;
      role?: SpaceRole | null;
      name?: string;
    },
  ): void;
  /** The name the server knows this member by, after they renamed themselves (NAME-5). */
  setMembershipName(spaceId: string, name: string): void;
  /** Marks a membership as removed by the server. */
  revokeMembership(spaceId: string): void;
  rememberLinks(spaceId: string, links: { adminLink?: string; shareLink?: string }): void;
  forgetAdminLink(spaceId: string): void;
}

export const SESSION_STORAGE_KEY = 'ronde.session';
export const NAME_MAX = 60;
const RECENT_MAX = 12;

function browserLanguages(): readonly string[] {
  if (typeof navigator === 'undefined') return [];
  return navigator.languages?.length ? navigator.languages : [navigator.language];
}

/**
 * The session store (zustand, persisted to localStorage).
 *
 * @example
 * const name = useSession((s) => s.name);
 * useSession.getState().setName('Awa');
 */
export const useSession = create<SessionState>()(
  persist(
    (set) => ({
      userId: newId(),
      memberships: {},
      adminLinks: {},
      shareLinks: {},
      name: '',
      language: detectLanguage(browserLanguages()),
      recentSpaces: [],
      nameDialogOpen: false,
      serverOffsetMs: 0,
      setName: (name) => set({ name: name.trim().replace(/\s+/g, ' ').slice(0, NAME_MAX) }),
      setLanguage: (language) => set({ language }),
      rememberSpace: (space) =>
        set((state) => {
          const previous = state.recentSpaces.find((s) => s.id === space.id);
          // A practice mark, once known, stays with the entry.
          if (previous?.practice && space.practice === undefined)
            space = { ...space, practice: true };
          if (
            previous &&
            previous.name === space.name &&
            space.openedAt - previous.openedAt < 60_000
          )
            return state;
          const others = state.recentSpaces.filter((s) => s.id !== space.id);
          return { recentSpaces: [space, ...others].slice(0, RECENT_MAX) };
        }),
      forgetSpace: (spaceId) =>
        set((state) => {
          const without = <T>(record: Readonly<Record<string, T>>) =>
            Object.fromEntries(Object.entries(record).filter(([id]) => id !== spaceId));
          return {
            memberships: without(state.memberships),
            adminLinks: without(state.adminLinks),
            shareLinks: without(state.shareLinks),
            recentSpaces: state.recentSpaces.filter((s) => s.id !== spaceId),
          };
        }),
      openNameDialog: () => set({ nameDialogOpen: true }),
      closeNameDialog: () => set({ nameDialogOpen: false }),
      setServerOffset: (offsetMs) =>
        set((state) => (state.serverOffsetMs === offsetMs ? state : { serverOffsetMs: offsetMs })),
      setMembership: (spaceId, membership) =>
        set((state) => ({ memberships: { ...state.memberships, [spaceId]: membership } })),
      updateSession: (spaceId, { token, expiresAt, receivedAt, role, name }) =>
        set((state) => {
          const current = state.memberships[spaceId];
          if (!current) return state;
          const next: Membership = {
            ...current,
            token,
            expiresAt,
            receivedAt,
            ...(role ? { role } : {}),
            ...(name ? { name } : {}),
          };
          return { memberships: { ...state.memberships, [spaceId]: next } };
        }),
      setMembershipName: (spaceId, name) =>
        set((state) => {
          const current = state.memberships[spaceId];
          if (!current || current.name === name) return state;
          return { memberships: { ...state.memberships, [spaceId]: { ...current, name } } };
        }),
      revokeMembership: (spaceId) =>
        set((state) => {
          const current = state.memberships[spaceId];
          if (!current || current.revoked) return state;
          return {
            memberships: { ...state.memberships, [spaceId]: { ...current, revoked: true } },
          };
        }),
      rememberLinks: (spaceId, { adminLink, shareLink }) =>
        set((state) => ({
          adminLinks: adminLink ? { ...state.adminLinks, [spaceId]: adminLink } : state.adminLinks,
          shareLinks: shareLink ? { ...state.shareLinks, [spaceId]: shareLink } : state.shareLinks,
        })),
      forgetAdminLink: (spaceId) =>
        set((state) => {
          if (!(spaceId in state.adminLinks)) return state;
          const adminLinks = { ...state.adminLinks };
          delete adminLinks[spaceId];
          return { adminLinks };
        }),
    }),
    {
      name: SESSION_STORAGE_KEY,
      version: 1,
      storage: createJSONStorage(() => localStorage),
      partialize: (s) => ({
        userId: s.userId,
        memberships: s.memberships,
        name: s.name,
        language: s.language,
        recentSpaces: s.recentSpaces,
      }),
      // Stored data may be old or hand-edited: keep only what is well formed.
      merge: (persisted, current) => {
        const p = (persisted ?? {}) as Partial<Record<keyof SessionState, unknown>>;
        return {
          ...current,
          userId: typeof p.userId === 'string' && p.userId ? p.userId : current.userId,
          memberships: readMemberships(p.memberships),
          name: typeof p.name === 'string' ? p.name : current.name,
          language: isLanguage(p.language) ? p.language : current.language,
          recentSpaces: Array.isArray(p.recentSpaces)
            ? (p.recentSpaces as RecentSpace[]).filter(
                (s) => typeof s?.id === 'string' && typeof s.name === 'string',
              )
            : current.recentSpaces,
        };
      },
    },
  ),
);

// The id must survive the first reload even if nothing else is ever set.
if (typeof localStorage !== 'undefined' && localStorage.getItem(SESSION_STORAGE_KEY) === null) {
  useSession.setState({ userId: useSession.getState().userId });
}

function readMemberships(value: unknown): Record<string, Membership> {
  const out: Record<string, Membership> = {};
  if (typeof value !== 'object' || value === null) return out;
  for (const [spaceId, m] of Object.entries(value as Record<string, unknown>)) {
    const r = (typeof m === 'object' && m !== null ? m : {}) as Record<string, unknown>;
    if (
      typeof r.userId !== 'string' ||
      !r.userId ||
      typeof r.key !== 'string' ||
      !r.key ||
      !isSpaceRole(r.role)
    ) {
      continue;
    }
    out[spaceId] = {
      userId: r.userId,
      key: r.key,
      role: r.role,
      name: typeof r.name === 'string' ? r.name : '',
      token: typeof r.token === 'string' ? r.token : '',
      expiresAt: typeof r.expiresAt === 'number' ? r.expiresAt : 0,
      receivedAt: typeof r.receivedAt === 'number' ? r.receivedAt : 0,
      ...(r.revoked === true ? { revoked: true } : {}),
    };
  }
  return out;
}
