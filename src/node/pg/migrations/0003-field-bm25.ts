/**
 * Schema version 3: what lets a search rank by BM25+ per field, as the local index does.
 * `lectern_papers.field_lengths`: the paper's index terms per field (title, authors, abstract,
 * keywords/categories/topics), written by the import; with them the `tsvector`'s positions tell each
 * occurrence's field (the import numbers positions through the fields in that order), so a term's frequency
 * per field is read from `search`. `lectern_terms.fields`: the papers holding the term per field (each field's
 * IDF); `lectern_stats.field_lengths`: the fields' summed lengths (each field's average length).
 * A library imported before is brought along here from its `tsvector`s (positions past 16 383 and a term's
 * occurrences past 256 are not in it, so a very long paper's lengths come out short; re-importing makes them
 * exact), and its counts are refreshed.
 */
export const MIGRATION_0003 = `
ALTER TABLE lectern_papers ADD COLUMN field_lengths integer[];
ALTER TABLE lectern_terms ADD COLUMN fields integer[];
ALTER TABLE lectern_stats ADD COLUMN field_lengths float8[];

UPDATE lectern_papers SET field_lengths = (
  SELECT ARRAY[
    count(*) FILTER (WHERE o.w = 'A'),
    count(*) FILTER (WHERE o.w = 'B' AND o.p < coalesce(b.first_abstract, 16384)),
    count(*) FILTER (WHERE o.w = 'C'),
    count(*) FILTER (WHERE o.w = 'B' AND o.p > coalesce(b.first_abstract, 16384))]::integer[]
  FROM unnest(search) AS u, unnest(u.positions, u.weights) AS o(p, w),
    (SELECT min(x.p) AS first_abstract FROM unnest(search) AS v, unnest(v.positions, v.weights) AS x(p, w) WHERE x.w = 'C') AS b
);

UPDATE lectern_terms AS t SET fields = ARRAY[coalesce(a.ndoc, 0), coalesce(b.ndoc, 0), coalesce(c.ndoc, 0), coalesce(b.ndoc, 0)]
FROM lectern_terms AS s
  LEFT JOIN ts_stat('SELECT search FROM lectern_papers', 'a') AS a ON a.word = s.term
  LEFT JOIN ts_stat('SELECT search FROM lectern_papers', 'b') AS b ON b.word = s.term
  LEFT JOIN ts_stat('SELECT search FROM lectern_papers', 'c') AS c ON c.word = s.term
WHERE t.term = s.term;

UPDATE lectern_stats SET field_lengths = (
  SELECT ARRAY[coalesce(sum(field_lengths[1]), 0), coalesce(sum(field_lengths[2]), 0), coalesce(sum(field_lengths[3]), 0),
    coalesce(sum(field_lengths[4]), 0)]::float8[] FROM lectern_papers
);
`;
