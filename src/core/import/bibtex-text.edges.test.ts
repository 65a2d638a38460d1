// Outer braces around a whole BibTeX value go, once; they matter where TeX conversion keeps braces: around math.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bibText } from './bibtex-text';

test('braces that wrap a whole value go, in one pass, and braces around math (case protection); a brace left open stays', () => {
  const cases: Array<[string, string]> = [
    ['{{A title with $\\epsilon$ math}}', 'A title with $\\epsilon$ math'],
    ['{{{$x$}}}', '$x$'],
    [' {{$x$}} ', '$x$'],
    ['{{$x$} {$y$}}', '$x$ $y$'],
    ['{{{$x$}} and {$y$}}', '$x$ and $y$'],
    ['{ {$x$} }', '$x$'],
    ['{$x$} and {$y$}', '$x$ and $y$'],
    ['{$a$} b', '$a$ b'],
    ['b {$a$}', 'b $a$'],
    ['{$x$}}', '$x$}'],
    ['{{$x$}', '{$x$'],
    ['}$x${', '}$x${'],
    ['{\\} $x$}', '} $x$'],
    ['{\\{ $x$}', '{ $x$'],
    // Where only the outer pair can go: a command it does not know keeps the braces it holds.
    ['{{\\unknown{x} in a title}}', '\\unknown{x} in a title'],
    ['', ''],
  ];
  for (const [raw, shown] of cases) assert.equal(bibText(raw), shown, raw);
  assert.equal(bibText(undefined), '');
});
