/**
 * Planner settings of a library's connections, sent as startup options (as `statement_timeout` is); the
 * server's own configuration stays as it is for everyone else. A search's matches are read from a GIN index or
 * by a scan that tests each row's `tsvector`, and the default costs (a page read from disk 4× a sequential one,
 * a `tsvector` test as cheap as an integer comparison) choose the scan for matches in 10–20% of the papers, 3–6×
 * slower than the index here (the tables are in memory). `work_mem` keeps the index's bitmap of a common word's
 * matches exact at a million papers (at 4 MB it turns lossy, and every row of a lossy page is tested again).
 * `synchronize_seqscans` off: a scan for matches starts at the table's first page, not where another scan is,
 * so the first matches a search ranks (and its results) are the same each time it runs. `jit` off: a search's
 * cost estimate at a million papers passes `jit_above_cost` (a common word's matches counted in), and compiling
 * its expressions took 30–40 ms of a 100–200 ms keystroke, for statements that run in milliseconds.
 */
const SESSION_OPTIONS = '-c random_page_cost=1.1 -c work_mem=16MB -c synchronize_seqscans=off -c jit=off';

/**
 * The connection string and startup options of a library's pool: the library's planner settings, then any
 * `options` the string gives (a later `-c` wins, so the lab's own choice stays). The driver lets the string's
 * `options` replace the pool's, so they move from the string into the pool's.
 * @example withSessionOptions('postgresql://alice@db/lectern?options=-c%20work_mem%3D64MB')
 *   // { connectionString: 'postgresql://alice@db/lectern', options: '-c random_page_cost=1.1 -c work_mem=16MB -c synchronize_seqscans=off -c jit=off -c work_mem=64MB' }
 */
export function withSessionOptions(url: string): { connectionString: string; options: string } {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    // Not a URL (the driver reads it its own way): the string as it is.
    return { connectionString: url, options: SESSION_OPTIONS };
  }
  const given = parsed.searchParams.get('options');
  if (given === null) return { connectionString: url, options: SESSION_OPTIONS };
  parsed.searchParams.delete('options');
  return { connectionString: parsed.toString(), options: `${SESSION_OPTIONS} ${given}` };
}
