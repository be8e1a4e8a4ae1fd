import { newId } from '@ronde/domain';
import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import { detectLanguage, isLanguage, type Language } from '../i18n/translate.ts';

/** A space this device opened, for the home page's list. */
export interface RecentSpace {
  readonly id: string;
  readonly name: string;
  readonly openedAt: number;
}

/**
 * The local session: who this device is, its language and what it opened.
 * Nothing here is shared; shared state lives in Yjs documents.
 */
export interface SessionState {
  /** Generated once per device; identifies the person in presence lists. */
  readonly userId: string;
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
  openNameDialog(): void;
  closeNameDialog(): void;
  setServerOffset(offsetMs: number): void;
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
          if (
            previous &&
            previous.name === space.name &&
            space.openedAt - previous.openedAt < 60_000
          )
            return state;
          const others = state.recentSpaces.filter((s) => s.id !== space.id);
          return { recentSpaces: [space, ...others].slice(0, RECENT_MAX) };
        }),
      openNameDialog: () => set({ nameDialogOpen: true }),
      closeNameDialog: () => set({ nameDialogOpen: false }),
      setServerOffset: (offsetMs) =>
        set((state) => (state.serverOffsetMs === offsetMs ? state : { serverOffsetMs: offsetMs })),
    }),
    {
      name: SESSION_STORAGE_KEY,
      version: 1,
      storage: createJSONStorage(() => localStorage),
      partialize: (s) => ({
        userId: s.userId,
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
