import type Database from 'better-sqlite3';
import type { PracticeMarks, PracticeSpace } from '../accessStore.ts';

/** The migration that adds practice marks to the access tables (PRACTICE-1). */
export const PRACTICE_MIGRATION = {
  name: '003-practice-spaces',
  sql: `CREATE TABLE IF NOT EXISTS practice_spaces (
    space TEXT PRIMARY KEY,
    meeting_id TEXT NOT NULL,
    proposal_id TEXT NOT NULL,
    process TEXT NOT NULL CHECK (process IN ('consent', 'idm')),
    language TEXT NOT NULL,
    bots TEXT NOT NULL,
    created_at INTEGER NOT NULL
  )`,
} as const;

interface PracticeRow {
  space: string;
  meeting_id: string;
  proposal_id: string;
  process: 'consent' | 'idm';
  language: string;
  bots: string;
  created_at: number;
}

function toPractice(row: PracticeRow): PracticeSpace {
  return {
    spaceId: row.space,
    meetingId: row.meeting_id,
    proposalId: row.proposal_id,
    process: row.process,
    language: row.language === 'fr' ? 'fr' : 'en',
    bots: JSON.parse(row.bots) as PracticeSpace['bots'],
    createdAt: row.created_at,
  };
}

/**
 * The practice marks of the SQLite access store, on its connection; `open`
 * throws once the store is closed.
 */
export function sqlitePracticeMarks(db: Database.Database, open: () => void): PracticeMarks {
  const insert = db.prepare<[string, string, string, string, string, string, number]>(
    `INSERT OR REPLACE INTO practice_spaces
       (space, meeting_id, proposal_id, process, language, bots, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const select = db.prepare<[string], PracticeRow>('SELECT * FROM practice_spaces WHERE space = ?');
  const selectAll = db.prepare<[], PracticeRow>(
    'SELECT * FROM practice_spaces ORDER BY created_at, space',
  );
  const deletions = ['members', 'invites', 'device_keys', 'practice_spaces'].map((table) =>
    db.prepare<[string]>(`DELETE FROM ${table} WHERE space = ?`),
  );
  const deleteSpace = db.transaction((spaceId: string) => {
    for (const statement of deletions) statement.run(spaceId);
  });
  return {
    async markPractice(space) {
      open();
      insert.run(
        space.spaceId,
        space.meetingId,
        space.proposalId,
        space.process,
        space.language,
        JSON.stringify(space.bots.map((b) => ({ userId: b.userId, name: b.name }))),
        space.createdAt,
      );
    },
    async getPractice(spaceId) {
      open();
      const row = select.get(spaceId);
      return row ? toPractice(row) : null;
    },
    async listPractice() {
      open();
      return selectAll.all().map(toPractice);
    },
    async deleteSpace(spaceId) {
      open();
      deleteSpace.immediate(spaceId);
    },
  };
}
