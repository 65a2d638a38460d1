import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { excerptAround } from './excerpt-around';

// The edges of the excerpt a search row shows under its title (palette, CLI, full-text pages): where the window
// starts and ends, which ranges it keeps, and which window wins.

/** Every occurrence of each word in `text`, in text order. */
function matchesOf(text: string, ...words: string[]): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const word of words) for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) out.push([at, at + word.length]);
  return out.sort((a, b) => a[0] - b[0]);
}

/** The words an excerpt highlights, in its order. */
const shown = (excerpt: { text: string; ranges: Array<[number, number]> }) => excerpt.ranges.map(([s, e]) => excerpt.text.slice(s, e));

const GREEK = 'alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi rho sigma tau upsilon';

test('a window that starts inside a word starts at the next word, with an ellipsis at each cut end', () => {
  // 30 characters around "theta" (40–45): the window ending just after it starts at 31, inside "zeta".
  const excerpt = excerptAround(GREEK, matchesOf(GREEK, 'theta'), 30);
  assert.equal(excerpt.text, '…eta theta iota kappa lambda mu…');
  assert.deepEqual(excerpt.ranges, [[5, 10]]);
});

test('the excerpt never starts after its first match, even inside a long word', () => {
  // "MATCH" is glued to a run of letters: the next space after the window's start is past it.
  const text = `ab ${'z'.repeat(15)}MATCH rest of the words here and more words after`;
  const excerpt = excerptAround(text, matchesOf(text, 'MATCH'), 30);
  assert.equal(excerpt.text, '…MATCH rest of the words here…');
  assert.deepEqual(excerpt.ranges, [[1, 6]]);
});

test('a lone match stands a third of the way in, with context on both sides', () => {
  const abstract =
    'Recent work has shown that large models can be trained on many tasks at once, and that the resulting ' +
    'representations transfer well to new problems. In this paper we study how attention sinks form in vision ' +
    'language models and why they appear early in training, with experiments on three benchmarks and two model families.';
  const excerpt = excerptAround(abstract, matchesOf(abstract, 'attention'), 110);
  assert.equal(excerpt.text, '…In this paper we study how attention sinks form in vision language models and why they appear early in…');
  assert.equal(excerpt.ranges[0][0], 28);
});

test('a range before the excerpt or running past its end is dropped; the others move with the text', () => {
  const text = `graph ${'x '.repeat(40)}graph and smoothing together, then graphical words`;
  const excerpt = excerptAround(text, matchesOf(text, 'graph', 'smoothing'), 40);
  assert.equal(excerpt.text, '…x x graph and smoothing together, then…');
  assert.deepEqual(shown(excerpt), ['graph', 'smoothing'], 'not the first "graph", nor "graph" of "graphical" past the end');
  // The excerpt cut 40 characters in the middle of "graphical": its range is neither kept nor shifted in.
  const cut = excerptAround(text, [...matchesOf(text, 'smoothing'), matchesOf(text, 'graphical')[0]], 40);
  assert.deepEqual(shown(cut), ['smoothing']);
});

test('the window ending just after a match is a candidate: it can show two words the window before each one cannot', () => {
  // "alpha" at 100 and "beta" at 160: a window starting a third of the width (30) before either holds one of them.
  const start = 'Some words come first in this abstract, and more words follow them until the first term appears, in';
  const middle = ' the text, and then more of the words follow them till';
  const text = `${start} alpha${middle} beta and then the rest of the abstract goes on for a while more.`;
  assert.deepEqual([text.indexOf('alpha'), text.indexOf('beta')], [100, 160]);
  const excerpt = excerptAround(text, matchesOf(text, 'alpha', 'beta'), 90);
  assert.deepEqual(shown(excerpt), ['alpha', 'beta']);
  assert.equal(excerpt.text, '…in alpha the text, and then more of the words follow them till beta and then the rest of…');
});

test('with as many different words, the window with more matches wins; with as many of both, the earliest', () => {
  const three = `graph one. ${'x '.repeat(60)}graph graph graph here. ${'y '.repeat(60)}graph graph end`;
  assert.equal(excerptAround(three, matchesOf(three, 'graph'), 40).text, '…x x x graph graph graph here. y y y y y…');
  const two = `graph one here. ${'x '.repeat(60)}graph two here. ${'y '.repeat(60)}end`;
  assert.equal(excerptAround(two, matchesOf(two, 'graph'), 40).text, 'graph one here. x x x x x x x x x x x x…');
  // Case does not make a word different: "Graph graph" is one word twice, "graph smoothing" two words.
  const cased = `Graph graph first. ${'x '.repeat(40)}graph smoothing later.`;
  assert.deepEqual(shown(excerptAround(cased, matchesOf(cased, 'Graph', 'graph', 'smoothing'), 40)), ['graph', 'smoothing']);
});

test('the excerpt ends at a word, unless that drops a highlighted word it holds or half of it', () => {
  // 28 characters from "alpha" end inside "epsilon": the excerpt stops at the space before it.
  assert.equal(excerptAround(GREEK, [[0, 5]], 28).text, 'alpha beta gamma delta…');
  // The cut falls inside "over-smoothing-resistant", whose highlighted "over" would go with it: the cut stays.
  const compound = 'deep graph networks suffer, as we show, over-smoothing-resistant training issues';
  assert.equal(
    excerptAround(
      compound,
      [
        [5, 10],
        [40, 44],
      ],
      60,
    ).text,
    'deep graph networks suffer, as we show, over-smoothing-resis…',
  );
  assert.deepEqual(
    shown(
      excerptAround(
        compound,
        [
          [5, 10],
          [40, 44],
        ],
        60,
      ),
    ),
    ['graph', 'over'],
  );
  assert.equal(
    excerptAround(compound, [[5, 10]], 60).text,
    'deep graph networks suffer, as we show,…',
    'not highlighted: cut at the space',
  );
  // The cut falls right after a highlighted part ("over" of "over-smoothing"): it stays.
  assert.equal(
    excerptAround(
      compound,
      [
        [5, 10],
        [40, 44],
      ],
      44,
    ).text,
    'deep graph networks suffer, as we show, over…',
  );
  // A word longer than half the excerpt (a URL) is cut rather than dropped.
  const url = 'See https://example.org/a/very/long/path/to/the/supplementary/material for the data.';
  assert.equal(excerptAround(url, [[0, 3]], 40).text, 'See https://example.org/a/very/long/path…');
  // A text that fits is shown whole, its last word included.
  assert.equal(excerptAround(GREEK, [[0, 5]], 200).text, GREEK);
  // Right before a space, nothing moves.
  assert.equal(excerptAround(GREEK, [[0, 5]], 22).text, 'alpha beta gamma delta…');
});

test('ranges given last to first still find the first window when it is the best', () => {
  const text = `graph and smoothing first. ${'x '.repeat(60)}graph alone. ${'y '.repeat(60)}graph end`;
  const ranges = matchesOf(text, 'graph', 'smoothing').reverse();
  const excerpt = excerptAround(text, ranges, 40);
  assert.equal(excerpt.text, 'graph and smoothing first. x x x x x x x…');
  assert.deepEqual(shown(excerpt), ['smoothing', 'graph']);
});

test('ranges given in any order give the same excerpt, their ranges in the order given', () => {
  const text = `graph one here. ${'x '.repeat(60)}graph and smoothing here. ${'y '.repeat(60)}end`;
  const ranges = matchesOf(text, 'graph', 'smoothing');
  const sorted = excerptAround(text, ranges, 40);
  const reversed = excerptAround(text, [...ranges].reverse(), 40);
  assert.equal(reversed.text, sorted.text);
  assert.deepEqual(reversed.ranges, [...sorted.ranges].reverse());
  assert.deepEqual(shown(sorted), ['graph', 'smoothing']);
});

/** The most different words, then the most matches, that any window of `width - 16` characters holds whole. */
function bestPossible(text: string, ranges: Array<[number, number]>, width: number): [number, number] {
  let best: [number, number] = [0, 0];
  for (let from = 0; from <= text.length; from++) {
    const inside = ranges.filter(([s, e]) => s >= from && e <= from + width - 16);
    const distinct = new Set(inside.map(([s, e]) => text.slice(s, e).toLowerCase())).size;
    if (distinct > best[0] || (distinct === best[0] && inside.length > best[1])) best = [distinct, inside.length];
  }
  return best;
}

test('the excerpt shows at least as many different words, then matches, as the best window anywhere (property)', () => {
  const words = ['graph', 'Graph', 'node', 'smoothing', 'the', 'of', 'deep', 'layers', 'over-smoothing', 'x'];
  fc.assert(
    fc.property(
      fc.array(fc.constantFrom(...words), { minLength: 1, maxLength: 80 }),
      fc.subarray(['graph', 'Graph', 'node', 'smoothing', 'layers'], { minLength: 1 }),
      fc.integer({ min: 30, max: 120 }),
      (chosen, wanted, width) => {
        const text = chosen.join(' ');
        // Whole words only, as the index highlights them.
        const ranges = matchesOf(` ${text} `, ...wanted.map((word) => ` ${word} `)).map(([s, e]) => [s, e - 2] as [number, number]);
        const excerpt = excerptAround(text, ranges, width);
        const body = excerpt.text.replace(/^…/, '').replace(/…$/, '');
        assert.ok(text.includes(body), excerpt.text);
        assert.ok(body.length <= width);
        for (const [s, e] of excerpt.ranges) assert.ok(wanted.includes(excerpt.text.slice(s, e)), excerpt.text);
        const got = shown(excerpt).map((word) => word.toLowerCase());
        const [distinct, count] = bestPossible(text, ranges, width);
        const gotDistinct = new Set(got).size;
        assert.ok(gotDistinct > distinct || (gotDistinct === distinct && got.length >= count), `${excerpt.text} ${distinct}/${count}`);
      },
    ),
    { numRuns: 300 },
  );
});
