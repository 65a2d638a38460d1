import { test } from 'node:test';
import assert from 'node:assert/strict';
import { seedLibrary } from '../../../../test/support/seed-library';
import { FullTextIndex, fullTextPaper } from '../../../core/fulltext/fulltext-index';
import { searchWithFullText } from '../../../core/fulltext/merge-fulltext';
import { responsePickItems } from '../shared/paper-pick-items';

test('a paper that matched only in its PDF says "in the PDF, p. N" with the snippet, below the abstract hits, and opens at that page', () => {
  const library = seedLibrary();
  const abstractHits = library.search.search('spiking', { limit: 50 }).results.map((hit) => hit.id);
  const other = library.papers.find((paper) => !abstractHits.includes(paper.id))!;
  const pages = ['Introduction.', 'Methods.', 'We count spiking events in slices.'];
  const fullText = FullTextIndex.build([{ paper: fullTextPaper(other), file: '/ws/papers/pdf/other.pdf', pages }]);
  const response = searchWithFullText(
    'spiking',
    'on',
    50,
    (query) => library.search.search(query, { limit: 50 }),
    (query) => fullText.search(query, { limit: 50 }),
  );
  const items = responsePickItems(library, 'spiking', response);
  assert.deepEqual(
    items.map((item) => item.paperId),
    [...abstractHits, other.id],
  );
  const last = items.at(-1)!;
  assert.equal(last.label, other.title);
  assert.equal(last.detail, 'in the PDF, p. 3: We count spiking events in slices.');
  assert.equal(last.pdfPage, 3);
  for (const item of items.slice(0, -1)) assert.equal(item.pdfPage, undefined, 'abstract hits open the reader as before');
});
