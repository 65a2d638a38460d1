import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseQuery } from './parse-query';
import { planQuery, type TermSpec } from './query-plan';
import { compileSearchSql, exactTotalUpTo, type TermExpansion } from './sql-search';

// The compiler alone (no server): whatever the query, the statement is made of the compiler's own text, and
// everything typed travels in the parameters. pg-injection.test.ts throws the same at a real server.

/**
 * Expansions as a library might return them: the term itself, and for prefixes and typos a neighbour carrying
 * the input; words in 1% of the papers, or (`common`) in half of them (a search then reads the impact lists).
 */
const expansions =
  (papers: number) =>
  (spec: TermSpec): TermExpansion[] => [
    { term: spec.term, weight: 1, papers },
    ...(spec.prefix || spec.fuzzy ? [{ term: `${spec.term}'x\\`, weight: 0.4, papers: 3 }] : []),
  ];
const expand = expansions(10);

function compile(text: string, mode: 'all' | 'any' = 'all', common = false, exactTotal?: number) {
  const parsed = parseQuery(text);
  const plan = planQuery(parsed, () => true);
  return (
    plan &&
    compileSearchSql({
      plan,
      expand: common ? expansions(500) : expand,
      paperCount: 1000,
      averageFieldLengths: [8, 6, 150, 10],
      mode,
      limit: 20,
      annotatedIds: () => ["a'; --"],
      exactTotalUpTo: exactTotal,
    })
  );
}

const hostile = fc
  .array(
    fc.oneof(
      fc.constantFrom("'", '"', '\\', ';', '--', '$$', '$1', '\u0000', 'topic:', 'author:', 'year:1999..', '-', 'tag:x', ' ', 'ab'),
      fc.string(),
    ),
    {
      maxLength: 12,
    },
  )
  .map((parts) => parts.join(''));

test('no statement holds a quote, a semicolon, a comment or dollar quoting, whatever the query', () => {
  fc.assert(
    fc.property(hostile, fc.constantFrom('all' as const, 'any' as const), fc.boolean(), (text, mode, common) => {
      const sql = compile(text, mode, common);
      if (!sql) return;
      assert.doesNotMatch(sql.text, /['";\\]|--|\$\$|\/\*/);
      assert.ok(!sql.text.includes('\u0000'));
    }),
    { numRuns: 500 },
  );
});

test('every placeholder has a value and every value a placeholder', () => {
  fc.assert(
    fc.property(hostile, fc.boolean(), (text, common) => {
      const sql = compile(text, 'all', common);
      if (!sql) return;
      const used = new Set([...sql.text.matchAll(/\$(\d+)/g)].map((m) => Number(m[1])));
      assert.deepEqual(
        [...used].sort((a, b) => a - b),
        Array.from({ length: sql.values.length }, (_, i) => i + 1),
      );
    }),
    { numRuns: 300 },
  );
});

test('the statement depends on the shape of the query, not on its words', () => {
  assert.equal(compile('attention sink')?.text, compile('hallucination control')?.text);
  assert.equal(compile('attention sink', 'all', true)?.text, compile('hallucination control', 'all', true)?.text);
  assert.equal(compile('"brain decoding" -fmri topic:x')?.text, compile(`"o'neil \\ decoding" -drop topic:y`)?.text);
});

test('words, phrases, exclusions and filters each reach the statement as parameters', () => {
  const sql = compile('spik "brain decoding" -fmri topic:"Spiking Nets" author:kang year:2020..2022 tag:toread')!;
  const values = sql.values.map(String);
  assert.ok(
    values.some((v) => v.includes("'spik'")),
    'the word as a tsquery lexeme',
  );
  assert.ok(values.includes(' brain decoding '), 'the phrase needle');
  assert.ok(values.includes("'fmri'"), 'the excluded word');
  assert.ok(values.includes('spiking nets') && values.includes(' kang'), 'folded topic and author values');
  assert.ok(values.includes('2020') && values.includes('2022'), 'the year bounds');
  assert.ok(
    sql.values.some((v) => Array.isArray(v) && v[0] === "a'; --"),
    'the ids of tag:',
  );
  assert.match(sql.text, /NOT \(search @@ \$\d+::tsquery\)/);
  assert.match(sql.text, /year >= \$\d+::integer AND year <= \$\d+::integer/);
  // A phrase being typed: its last word may run on, so no space ends its needle; a negated one stays exact.
  const typing = compile('-"brain decod" spik "brain decod')!.values.map(String);
  assert.ok(typing.includes(' brain decod') && typing.includes(' brain decod '), JSON.stringify(typing));
});

test('a term with quotes or backslashes is escaped inside its tsquery literal', () => {
  const sql = compile('spik')!;
  assert.ok(
    sql.values.some((v) => String(v).includes("'spik''x\\\\'")),
    JSON.stringify(sql.values),
  );
});

test('a query of filters only ranks by year, newest first', () => {
  const byYear = compile('year:2020')!;
  assert.match(byYear.text, /ORDER BY year DESC NULLS LAST, id/);
  const rows = [
    { id: 'older', tie: '2', total: '2' },
    { id: 'newer', tie: '1', total: '2' },
  ];
  assert.deepEqual(byYear.rank(rows, 20), [
    { id: 'newer', score: 0 },
    { id: 'older', score: 0 },
  ]);
});

/** A candidate row holding `terms` (tsvector text) with field lengths title 4, authors 2, abstract 100, meta 3. */
const candidate = (id: string, tie: number, terms: string) => ({ id, tie: String(tie), total: '3', terms, lengths: [4, 2, 100, 3] });

test('candidates rank by BM25+ per field, the field told by the position; equal scores in title order', () => {
  const sql = compile('attention')!;
  // Equal scores in the local index's order: title by code unit (ASCII case ignored), then id.
  assert.match(sql.text, /ORDER BY lower\(title\) COLLATE ucs_basic, id COLLATE ucs_basic\) AS tie/);
  const ranked = sql.rank(
    [
      candidate('abstract', 1, "'attention':50"),
      candidate('none', 0, ''),
      candidate('title', 4, "'attention':2"),
      candidate('title too', 3, "'attention':3"),
      candidate('meta', 2, "'attention':108"),
    ],
    4,
  );
  assert.deepEqual(
    ranked.map((hit) => hit.id),
    ['title too', 'title', 'meta', 'abstract'],
  );
  assert.equal(ranked[0].score, ranked[1].score);
  assert.ok(ranked[1].score > ranked[2].score && ranked[2].score > ranked[3].score && ranked[3].score > 0);
  // Two occurrences in the abstract score more than one; a lexeme without positions counts nowhere.
  const twice = sql.rank([candidate('twice', 1, "'other' 'attention':50,51"), candidate('once', 0, "'attention':50 'other'")], 2);
  assert.deepEqual(
    twice.map((hit) => hit.id),
    ['twice', 'once'],
  );
});

test("a candidate's lexemes are read back from tsvector text: quotes doubled, backslashes escaped", () => {
  // `spik` expands to spik'x\ (a quote and a backslash: `expansions` above), which the server writes 'spik''x\\'.
  const sql = compile('spik')!;
  const [hit] = sql.rank([candidate('quoted', 0, "'spik''x\\\\':2 'zzz':3")], 1);
  assert.ok(hit.score > 0, JSON.stringify(hit));
  const [plain] = sql.rank([candidate('plain', 0, "'spik''x':2")], 1);
  assert.equal(plain.score, 0);
});

test('when any word may match, candidates matching more words rank first', () => {
  const sql = compile('attention sink', 'any')!;
  const ranked = sql.rank([candidate('one', 0, "'attention':2,3"), candidate('both', 1, "'attention':50 'sink':60")], 2);
  assert.deepEqual(
    ranked.map((hit) => hit.id),
    ['both', 'one'],
  );
});

test('a word being typed with many completions matches as a tsquery prefix; with a few, a finished word or none, as terms', () => {
  // `spik` completes to 30 terms and `spiek` is a spelling near it; `ne` completes to two; `zq` to nothing.
  const many = Array.from({ length: 30 }, (_, i) => ({ term: `spik${String.fromCharCode(97 + (i % 26))}${i}`, weight: 0.3, papers: 5 }));
  const vocabulary = (spec: TermSpec): TermExpansion[] => {
    if (spec.term === 'spik') return spec.prefix ? [...many, { term: 'spiek', weight: 0.3, papers: 2 }] : [];
    if (spec.term === 'ne')
      return spec.prefix
        ? [
            { term: 'neural', weight: 0.3, papers: 40 },
            { term: 'net', weight: 0.3, papers: 20 },
          ]
        : [];
    return spec.term === 'zq' ? [] : [{ term: spec.term, weight: 1, papers: 10 }];
  };
  const matchOf = (text: string) => {
    const parsed = parseQuery(text);
    const plan = planQuery(parsed, (term) => term === 'attention')!;
    return String(
      compileSearchSql({ plan, expand: vocabulary, paperCount: 1000, averageFieldLengths: [8, 6, 150, 10], mode: 'all', limit: 20 })
        .values[0],
    );
  };
  assert.equal(matchOf('attention spik'), "('attention' & ('spik':* | 'spiek'))");
  assert.equal(matchOf('attention ne'), "('attention' & ('ne' | 'neural' | 'net'))");
  assert.equal(matchOf('attention spik '), "('attention' & 'spik')");
  assert.equal(matchOf('attention zq'), "('attention' & 'zq')");
});

test('words all in a tenth of the papers or more take their head candidates from the impact lists; a rarer word, from the head index', () => {
  const lists = /FROM lectern_term_impacts WHERE term = x\.term ORDER BY impact DESC LIMIT \d+/;
  for (const text of ['attention sink', 'attention', 'attention si']) {
    assert.match(compile(text, 'all', true)!.text, lists, text);
    assert.doesNotMatch(compile(text)!.text, /lectern_term_impacts/, text);
  }
  // The words' expansions go in one array, each with its term's number and weight.
  const sql = compile('attention si', 'all', true)!;
  const terms = sql.values.find((v) => Array.isArray(v) && v.includes('attention') && v.includes('si'));
  // (`attentionsi`: the two words joined, an alternative the planner offers when the vocabulary knows it.)
  assert.deepEqual(terms, ['attention', "attention'x\\", 'si', "si'x\\", 'attentionsi']);
  const specs = sql.values[sql.values.indexOf(terms) + 1];
  const weights = sql.values[sql.values.indexOf(terms) + 2];
  assert.deepEqual(
    [specs, weights],
    [
      [1, 1, 2, 2, 3],
      [1, 0.4, 1, 0.4, 1],
    ],
  );
});

test('the total is counted as far as asked: one match past it, every match for Infinity, 1,000 by default', () => {
  assert.equal(exactTotalUpTo(undefined), 1000);
  assert.equal(exactTotalUpTo(Number.NaN), 1000);
  assert.equal(exactTotalUpTo(20.7), 20);
  assert.equal(exactTotalUpTo(-3), 0);
  assert.equal(exactTotalUpTo(Infinity), Infinity);
  // The count's LIMIT is a parameter (NULL: no limit), as everything a caller gives.
  const countLimit = (exactTotalUpTo?: number) => {
    const sql = compile('attention', 'all', false, exactTotalUpTo)!;
    const at = /SELECT count\(\*\) FROM \(SELECT 1 FROM matched LIMIT \$(\d+)::bigint\)/.exec(sql.text)?.[1];
    return at === undefined ? 'no parameter' : sql.values[Number(at) - 1];
  };
  assert.equal(countLimit(undefined), 1001);
  assert.equal(countLimit(20), 21);
  assert.equal(countLimit(Infinity), null);
});

test('a total asked exact to fewer matches lets the statement test the first pages where counting 1,000 would read the index', () => {
  // Two words in 20 % and 48 % of a million papers (`pre tra`): the statement must find 200 matches to rank, or 1,001 to count.
  const plan = planQuery(parseQuery('pre tra'), (term) => term === 'pre' || term === 'tra')!;
  const statement = (exactTotalUpTo?: number) =>
    compileSearchSql({
      plan,
      expand: (spec) => [{ term: spec.term, weight: 1, papers: spec.term === 'pre' ? 200_000 : 480_000 }],
      paperCount: 1_000_000,
      averageFieldLengths: [8, 6, 150, 10],
      mode: 'all',
      limit: 20,
      exactTotalUpTo,
    }).text;
  assert.doesNotMatch(statement(), /ctid/);
  assert.match(statement(20), /ctid < /);
});

/** The number the statement's tail (the matches ranked in the table's order) is limited to. */
function tailLimit(sql: { text: string; values: unknown[] }): unknown {
  const at = /tail AS MATERIALIZED \(\s*SELECT id FROM matched LIMIT \$(\d+)/.exec(sql.text);
  assert.ok(at, sql.text);
  return sql.values[Number(at[1]) - 1];
}

test('with many matches and the head holding plenty, the statement ranks a sample of 50 in the table order; else 200, and never fewer than asked', () => {
  // Two words in 20 % and 30 % of a million papers: about 60,000 papers hold both.
  const plan = planQuery(parseQuery('tensor brain'), (term) => term === 'tensor' || term === 'brain')!;
  const statement = (fields: (papers: number) => number[] | undefined, paperCount = 1_000_000, limit = 20) =>
    compileSearchSql({
      plan,
      expand: (spec) => {
        const papers = (spec.term === 'tensor' ? 0.2 : 0.3) * paperCount;
        return [{ term: spec.term, weight: 1, papers, fields: fields(papers) }];
      },
      paperCount,
      averageFieldLengths: [8, 6, 150, 10],
      mode: 'all',
      limit,
      exactTotalUpTo: limit,
    });
  // In 1 title of 20 where they are: the head's matches are thousands.
  const inTitles = (papers: number) => [papers / 20, 0, papers, 0];
  assert.equal(tailLimit(statement(inTitles)), 50);
  assert.equal(tailLimit(statement(() => undefined)), 50);
  assert.equal(tailLimit(statement(inTitles, 1_000_000, 120)), 120);
  // In abstracts only (the head is thin): the tail is what ranks, all 200.
  assert.equal(tailLimit(statement((papers) => [0, 0, papers, 0])), 200);
  // A small library: 600 matches, all of them ranked up to 200.
  assert.equal(tailLimit(statement(inTitles, 10_000)), 200);
  assert.equal(tailLimit(statement(inTitles, 10_000, 300)), 300);
});

test('a word being typed matches as many papers as its completions together: a scan finds its first matches', () => {
  // `microscopy ben`: `microscopy` in 14 % of a million papers, `ben` completed five ways, each in 8 % (together
  // about 34 %): some 47,000 papers match, where the commonest completion alone says 11,000.
  const plan = planQuery(parseQuery('microscopy ben'), (term) => term === 'microscopy' || term === 'ben')!;
  const completions = ['benchmark', 'benefit', 'bench', 'beneficial', 'benchmarking'];
  const sql = compileSearchSql({
    plan,
    expand: (spec) =>
      spec.term === 'microscopy'
        ? [{ term: spec.term, weight: 1, papers: 140_000 }]
        : completions.map((term) => ({ term, weight: 0.6, papers: 80_000 })),
    paperCount: 1_000_000,
    averageFieldLengths: [8, 6, 150, 10],
    mode: 'all',
    limit: 50,
    exactTotalUpTo: 50,
  });
  assert.match(sql.text, /ctid < /);
  assert.equal(tailLimit(sql), 50);
});

test('a rarer word whose partner names a large topic takes its head candidates from the impact lists', () => {
  // `motion energy` at a million papers: `energy` in 9 % of the papers, `motion` in 34 %, and in the head of 19 %
  // through a topic's name; the same words in few heads read the head index.
  const plan = planQuery(parseQuery('motion energy'), (term) => term === 'motion' || term === 'energy')!;
  const statement = (motionInHeads: number) =>
    compileSearchSql({
      plan,
      expand: (spec) =>
        spec.term === 'motion'
          ? [{ term: 'motion', weight: 1, papers: 341_900, fields: [623, 0, 191_692, motionInHeads] }]
          : [{ term: 'energy', weight: 1, papers: 87_358, fields: [756, 0, 87_358, 0] }],
      paperCount: 1_000_000,
      averageFieldLengths: [8, 6, 150, 10],
      mode: 'all',
      limit: 50,
      exactTotalUpTo: 50,
    }).text;
  assert.match(statement(194_161), /FROM lectern_term_impacts/);
  assert.doesNotMatch(statement(0), /lectern_term_impacts/);
});

test('a word being typed whose completions fill many heads keeps the head index: their lists hold few of its best papers', () => {
  // `federated pr` at 100k papers: `federated` in 2 % of the papers; `pr` completed eight ways, each in the heads
  // of 3,000 papers (24,000 together). With the lists, 8 of the local index's first 10 were lost (measured).
  const plan = planQuery(parseQuery('federated pr'), (term) => term === 'federated' || term === 'pr')!;
  const completions = ['pre', 'prior', 'privacy', 'prediction', 'predictive', 'probabilistic', 'process', 'product'];
  const sql = compileSearchSql({
    plan,
    expand: (spec) =>
      spec.term === 'federated'
        ? [{ term: 'federated', weight: 1, papers: 2_300, fields: [90, 0, 2_300, 0] }]
        : completions.map((term) => ({ term, weight: 0.6, papers: 12_000, fields: [3_000, 0, 12_000, 0] })),
    paperCount: 100_000,
    averageFieldLengths: [8, 6, 150, 10],
    mode: 'all',
    limit: 50,
    exactTotalUpTo: 50,
  });
  assert.doesNotMatch(sql.text, /lectern_term_impacts/);
});
