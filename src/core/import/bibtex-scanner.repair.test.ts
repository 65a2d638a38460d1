// Entries broken the way reference-manager exports break them (a field's `}` lost at the end of its line, the
// entry's closing `}` or `)` lost), repaired with a warning that says where; the next entry still loads.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { importBibtex } from './bibtex-importer';

const read = (text: string) => {
  const result = importBibtex('x.bib', text);
  return {
    papers: result.papers.map((p) => [p.citeKey ?? null, p.title, p.venue ?? null, p.year ?? null, p.source.line]),
    diagnostics: result.diagnostics.map((d) => `${d.line}:${d.column} ${d.severity} ${d.message}`),
  };
};
const openField = (where: string, field: string, line: number) =>
  `${where} warning Lectern: entry \`k\`: the \`{\` that opens field \`${field}\` on line ${line} is never closed; the entry was loaded as if the field ended at the end of that line. Add the missing \`}\`.`;

test('fields whose lines lose their `}` (one or two levels deep) are closed at the end of the line; the first is named', () => {
  assert.deepEqual(
    read('@article{k,\n  title = {{Deep} Nets,\n  journal = {J{\\"o}urnal,\n  year = 2020\n}\n@misc{ok, title = {Fine}}\n'),
    {
      papers: [
        ['k', 'Deep Nets', 'Jöurnal', 2020, 1],
        ['ok', 'Fine', null, null, 6],
      ],
      diagnostics: [openField('2:11', 'title', 2)],
    },
  );
  // The last field, followed by the entry's `}` line.
  assert.deepEqual(read('@article{k,\n  title = {T},\n  journal = {Nature\n}\n@misc{ok, title = {Fine}}\n'), {
    papers: [
      ['k', 'T', 'Nature', null, 1],
      ['ok', 'Fine', null, null, 5],
    ],
    diagnostics: [openField('3:13', 'journal', 3)],
  });
  // Without spaces around `=`; with a tab, trailing blanks, and a `}` line with blanks after it.
  assert.deepEqual(read('@article{k,\n  title={Deep Nets,\n  year=2020\n}\n'), {
    papers: [['k', 'Deep Nets', null, 2020, 1]],
    diagnostics: [openField('2:9', 'title', 2)],
  });
  assert.deepEqual(read('@article{k,\n\ttitle = {Deep Nets   \n  }  \n'), {
    papers: [['k', 'Deep Nets', null, null, 1]],
    diagnostics: [openField('2:10', 'title', 2)],
  });
  // An escaped `\{` opens nothing: only the real `{` is closed.
  assert.deepEqual(read('@article{k,\n  title = {T \\{,\n  year = 2020\n}\n'), {
    papers: [['k', 'T {', null, 2020, 1]],
    diagnostics: [openField('2:11', 'title', 2)],
  });
});

test('an entry in parentheses that loses its `)` is closed with `)` after its last line', () => {
  assert.deepEqual(read('@article(k,\n  title = {T},\n  year = 2020\n\n@misc{ok, title = {Fine}}\n'), {
    papers: [
      ['k', 'T', null, 2020, 1],
      ['ok', 'Fine', null, null, 5],
    ],
    diagnostics: [
      '1:1 warning Lectern: entry `k` (line 1) is not closed with `)`; it was loaded as if it ended on line 3. Add the missing `)` there.',
    ],
  });
});
