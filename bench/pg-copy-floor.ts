/**
 * The server's own floor under an import (`npm run bench:pg`'s `import.copyFloor`): the CPU the server spends
 * on `COPY … FROM` a binary file of the library's own rows, every column as Lectern wrote it, into a fresh
 * table without indexes and into one with the library's indexes. Whatever Lectern builds on its side, an
 * import cannot cost the server less than this a paper, so it bounds the papers a second a machine's cores can
 * take (issue 14 asks for 20,000 a second: 0.1 ms of CPU a paper in all on two cores).
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type pg from 'pg';
import { PAPER_COPY_COLUMNS } from '../src/node/pg/paper-row';

/** The columns an import sends, as the importer names them (`search_head` is generated, `imported_at` a default). */
const WRITTEN = PAPER_COPY_COLUMNS.join(', ');

export interface CopyFloor {
  /** Rows copied in each way. */
  papers: number;
  /** Server CPU ms a paper into a table with no index (nor the generated head column). */
  withoutIndexesCpuMsPerPaper: number | null;
  /** Server CPU ms a paper into a table with the library's indexes and generated column. */
  withIndexesCpuMsPerPaper: number | null;
}

/**
 * Copies `papers` of the library's rows out to a file in the server's data directory and back into two scratch
 * tables, timing the server's CPU (`serverCpu`: ms so far, NaN where unknown) for each copy in; drops both.
 * Needs a superuser (a server-side file), as the benchmark's throwaway cluster has.
 */
export async function measureCopyFloor(client: pg.Client, serverCpu: () => number, papers: number): Promise<CopyFloor> {
  const dir = (await client.query<{ setting: string }>("SELECT setting FROM pg_settings WHERE name = 'data_directory'")).rows[0].setting;
  const file = join(dir, 'lectern-copy-floor.bin');
  const perPaper = (ms: number, rows: number) => (Number.isNaN(ms) || rows === 0 ? null : Math.round((ms / rows) * 1000) / 1000);
  try {
    // The path is the server's own data directory; the row count a number: nothing here comes from a user.
    await client.query(`COPY (SELECT ${WRITTEN} FROM lectern_papers ORDER BY id LIMIT ${Math.floor(papers)}) TO '${file}' (FORMAT binary)`);
    const copyInto = async (table: string): Promise<{ ms: number; rows: number }> => {
      const before = serverCpu();
      const result = await client.query(`COPY ${table} (${WRITTEN}) FROM '${file}' (FORMAT binary)`);
      return { ms: serverCpu() - before, rows: result.rowCount ?? 0 };
    };
    await client.query('DROP TABLE IF EXISTS lectern_copy_floor_bare, lectern_copy_floor_indexed');
    await client.query(
      'CREATE TABLE lectern_copy_floor_bare (LIKE lectern_papers INCLUDING DEFAULTS INCLUDING STORAGE INCLUDING COMPRESSION)',
    );
    await client.query('ALTER TABLE lectern_copy_floor_bare DROP COLUMN IF EXISTS search_head');
    await client.query('CREATE TABLE lectern_copy_floor_indexed (LIKE lectern_papers INCLUDING ALL)');
    const bare = await copyInto('lectern_copy_floor_bare');
    const indexed = await copyInto('lectern_copy_floor_indexed');
    return {
      papers: indexed.rows,
      withoutIndexesCpuMsPerPaper: perPaper(bare.ms, bare.rows),
      withIndexesCpuMsPerPaper: perPaper(indexed.ms, indexed.rows),
    };
  } finally {
    await client.query('DROP TABLE IF EXISTS lectern_copy_floor_bare, lectern_copy_floor_indexed');
    rmSync(file, { force: true });
  }
}
