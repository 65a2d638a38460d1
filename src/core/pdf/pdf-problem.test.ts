import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pdfProblem } from './pdf-problem';

const MB = 1_048_576;
const bytes = (text: string) => new TextEncoder().encode(text);

test('an empty file, one over the size limit and one that is not a PDF are refused with what to do', () => {
  assert.match(pdfProblem({ size: 0, maxBytes: MB })!, /^is empty \(0 bytes\)\. .*Attach PDF/);
  assert.match(pdfProblem({ size: 3 * MB, maxBytes: 2 * MB })!, /^is 3 MB, over lectern\.pdf\.maxFileSizeMB \(2 MB\)/);
  assert.match(pdfProblem({ size: 20, maxBytes: MB, head: bytes('<!DOCTYPE html><html>') })!, /^is not a PDF/);
});

test('a PDF header at the start, or after a little junk within the first KiB, is accepted', () => {
  assert.equal(pdfProblem({ size: 9, maxBytes: MB, head: bytes('%PDF-1.7\n') }), undefined);
  assert.equal(pdfProblem({ size: 600, maxBytes: MB, head: bytes(`${' '.repeat(500)}%PDF-1.4`) }), undefined);
  assert.match(pdfProblem({ size: 2000, maxBytes: MB, head: bytes(`${' '.repeat(1020)}%PDF-1.4`) })!, /not a PDF/);
  // Without the head (not read yet), only the size is judged.
  assert.equal(pdfProblem({ size: 10, maxBytes: MB }), undefined);
});
