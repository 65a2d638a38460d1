// Outer braces around a whole BibTeX value go, once; they matter where TeX conversion keeps braces: around math.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bibText } from './bibtex-text';

test('braces that wrap a whole value with math go, in one pass; braces that close early stay', () => {
  const cases: Array<[string, string]> = [
    ['{{A title with $\\epsilon$ math}}', 'A title with $\\epsilon$ math'],
    ['{{{$x$}}}', '$x$'],
    [' {{$x$}} ', '$x$'],
    ['{{$x$} {$y$}}', '{$x$} {$y$}'],
    ['{{{$x$}} and {$y$}}', '{{$x$}} and {$y$}'],
    ['{ {$x$} }', '{$x$}'],
    ['{$x$} and {$y$}', '{$x$} and {$y$}'],
    ['{$a$} b', '{$a$} b'],
    ['b {$a$}', 'b {$a$}'],
    ['{$x$}}', '{$x$}}'],
    ['{{$x$}', '{{$x$}'],
    ['}$x${', '}$x${'],
    ['{\\} $x$}', '} $x$'],
    ['{\\{ $x$}', '{ $x$'],
    ['', ''],
  ];
  for (const [raw, shown] of cases) assert.equal(bibText(raw), shown, raw);
  assert.equal(bibText(undefined), '');
});
