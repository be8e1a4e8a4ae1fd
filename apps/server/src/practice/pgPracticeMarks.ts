import type pg from 'pg';
import type { PracticeMarks, PracticeSpace } from '../accessStore.ts';
import { transaction } from '../pgPool.ts';

/** The migration that adds practice marks to the PostgreSQL access tables (PRACTICE-1). */
export const PG_PRACTICE_MIGRATION = {
  name: 'access-002-practice-spaces',
  sql: `CREATE TABLE practice_spaces (
    space TEXT PRIMARY KEY,
    meeting_id TEXT NOT NULL,
    proposal_id TEXT NOT NULL,
    process TEXT NOT NULL CHECK (process IN ('consent', 'idm')),
    language TEXT NOT NULL,
    bots JSONB NOT NULL,
    created_at BIGINT NOT NULL
  )`,
} as const;

interface PracticeRow {
  space: string;
  meeting_id: string;
  proposal_id: string;
  process: 'consent' | 'idm';
  language: string;
  bots: PracticeSpace['bots'];
  created_at: number;
}

const toPractice = (row: PracticeRow): PracticeSpace => ({
  spaceId: row.space,
  meetingId: row.meeting_id,
  proposalId: row.proposal_id,
  process: row.process,
  language: row.language === 'fr' ? 'fr' : 'en',
  bots: row.bots.map((b) => ({ userId: b.userId, name: b.name })),
  createdAt: row.created_at,
});

/**
 * The practice marks of the PostgreSQL access store, like SQLite's
 * (`sqlitePracticeMarks.ts`); `open` throws once the store is closed.
 */
export function pgPracticeMarks(pool: pg.Pool, open: () => void): PracticeMarks {
  return {
    async markPractice(space) {
      open();
      await pool.query(
        `INSERT INTO practice_spaces
           (space, meeting_id, proposal_id, process, language, bots, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (space) DO UPDATE SET meeting_id = $2, proposal_id = $3, process = $4,
           language = $5, bots = $6, created_at = $7`,
        [
          space.spaceId,
          space.meetingId,
          space.proposalId,
          space.process,
          space.language,
          JSON.stringify(space.bots.map((b) => ({ userId: b.userId, name: b.name }))),
          space.createdAt,
        ],
      );
    },
    async getPractice(spaceId) {
      open();
      const { rows } = await pool.query<PracticeRow>(
        'SELECT * FROM practice_spaces WHERE space = $1',
        [spaceId],
      );
      return rows[0] ? toPractice(rows[0]) : null;
    },
    async listPractice() {
      open();
      const { rows } = await pool.query<PracticeRow>(
        'SELECT * FROM practice_spaces ORDER BY created_at, space COLLATE "C"',
      );
      return rows.map(toPractice);
    },
    async deleteSpace(spaceId) {
      open();
      await transaction(pool, async (client) => {
        for (const table of ['members', 'invites', 'device_keys', 'practice_spaces']) {
          await client.query(`DELETE FROM ${table} WHERE space = $1`, [spaceId]);
        }
      });
    },
  };
}
