import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TexMacros } from './tex-macros';

const macros = (preamble: string, maxChars?: number): TexMacros => {
  const defined = new TexMacros(maxChars);
  defined.define(preamble);
  return defined;
};

test("a preamble's commands expand with their arguments: BibTeX's \\noopsort, a journal's \\proglang, a group's system name", () => {
  // As IRIDIA's abbrev.bib and BibTeX's own documentation (btxdoc) define them.
  const defined = macros(
    '\\newcommand{\\noopsort}[1]{} \\providecommand{\\proglang}[1]{{#1}} \\providecommand{\\MaxMinAntSystem}{{$\\cal MAX$--$\\cal MIN$} {Ant} {System}}',
  );
  assert.equal(defined.expand('{\\noopsort{a}}Zeta functions'), '{}Zeta functions');
  assert.equal(defined.expand('Machine Learning in \\proglang{R} and \\proglang {C++}'), 'Machine Learning in {R} and {C++}');
  assert.equal(defined.expand('A \\MaxMinAntSystem{} for lot sizing'), 'A {$\\cal MAX$--$\\cal MIN$} {Ant} {System}{} for lot sizing');
  // A longer command that starts like a defined one is another command; one used without its argument stays as written.
  assert.equal(defined.expand('\\proglangs{R} and \\proglang'), '\\proglangs{R} and \\proglang');
  assert.equal(defined.expand('no commands here'), 'no commands here');
});

test('\\def with parameters, \\renewcommand over an earlier one, \\providecommand never over it, macros built on macros', () => {
  const defined = macros(
    '\\def\\pair#1#2{(#1, #2)} \\newcommand{\\name}{first} \\providecommand{\\name}{second} \\newcommand\\other{x} \\renewcommand*{\\other}{y} \\newcommand{\\both}{\\name-\\other}',
  );
  assert.equal(defined.expand('\\pair{a}{b} \\pair xy'), '(a, b) (x, y)');
  assert.equal(defined.expand('\\both'), 'first-y');
  // An optional argument's default is read past (`[2][def]`), and `#` numbers past the arguments give nothing.
  assert.equal(macros('\\newcommand{\\opt}[1][def]{<#1#2>}').expand('\\opt{v}'), '<v>');
});

test('a macro that expands without end or past the limit leaves the field as written', () => {
  assert.equal(macros('\\def\\loop{\\loop\\loop}').expand('a \\loop b'), 'a \\loop b');
  assert.equal(macros('\\def\\big{0123456789}', 20).expand('\\big\\big\\big'), '\\big\\big\\big');
  assert.equal(macros('\\def\\big{0123456789}', 20).expand('\\big\\big'), '01234567890123456789');
  // A definition whose body never closes defines nothing.
  assert.equal(macros('\\newcommand{\\broken}{never closed').expand('\\broken'), '\\broken');
});
