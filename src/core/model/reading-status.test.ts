import { test } from 'node:test';
import assert from 'node:assert/strict';
import { groupPapers } from '../tree/group-papers';
import type { Paper } from './paper';
import { isReadingStatus, READING_STATUSES, readingStatusLabel } from './reading-status';

test('every reading status has one label, "To read" with a lower-case r', () => {
  assert.deepEqual(
    READING_STATUSES.map((status) => readingStatusLabel(status)),
    ['To read', 'Reading', 'Read'],
  );
  assert.equal(readingStatusLabel('someday'), 'someday', 'a status typed by hand is shown as written');
  assert.ok(isReadingStatus('to-read'));
  assert.ok(!isReadingStatus('To read'));
  assert.ok(!isReadingStatus(undefined));
});

test('the tree groups by status with the same labels as the reader and the Set Status picker', () => {
  const paper = (id: string): Paper => ({
    id,
    title: id,
    authors: [],
    abstract: '',
    keywords: [],
    categories: [],
    topics: [],
    source: { file: 'x.bib', line: 1 },
  });
  const statuses: Record<string, string> = { a: 'to-read', b: 'read', c: 'reading', d: 'someday' };
  const groups = groupPapers({ papers: ['a', 'b', 'c', 'd', 'e'].map(paper), topics: [] }, 'status', {
    annotations: (id) => (statuses[id] ? { status: statuses[id] } : undefined),
  });
  assert.deepEqual(
    groups.map((group) => group.label),
    ['To read', 'Reading', 'Read', 'someday', 'No Status'],
  );
});
