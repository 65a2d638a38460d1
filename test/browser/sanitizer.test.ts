/**
 * The webview's sanitiser on its own, in Chromium (the reader's page and CSP, the probe bundle): exact output for
 * markup that exercises each rule, and an oracle that does not reuse the sanitiser's rule — what may come out is
 * listed here (tags, attributes) and links are checked against the host's policy written out independently (an
 * absolute http(s)/mailto URL without credentials, or `lectern:paper/<id>`), so dropping the link hook or letting
 * `class`, `id` or `data-*` through fails here. Fast on purpose: `npm run mutate -- --module sanitizer` runs it per mutant.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { browserSkipReason, ReaderHarness, repoRoot, type ReaderPage } from './reader-harness';

const corpus = JSON.parse(readFileSync(join(repoRoot, 'test', 'fixtures', 'hostile', 'hostile-papers.json'), 'utf8')) as {
  papers: { id: string; title: string; abstract: string }[];
};

/** Raw markup → exactly what the sanitiser must leave (as `innerHTML`). */
const EXACT: [string, string][] = [
  [
    '<a href="https://example.org/" class="x" id="y" data-x="1" target="_blank" rel="opener" title="t" aria-label="l" name="n" style="color:red" onclick="alert(1)">x</a>',
    '<a href="https://example.org/" title="t">x</a>',
  ],
  // Accepted by the URI pattern, refused by the link policy: only the link hook removes these hrefs.
  ['<a href="https://user:pw@evil.example/">creds</a>', '<a>creds</a>'],
  ['<a href="http://user@evil.example/">user</a>', '<a>user</a>'],
  ['<a href="lectern:paper/../../etc">dots</a>', '<a>dots</a>'],
  ['<a href="https://[::1">broken</a>', '<a>broken</a>'],
  ['<a href="lectern:paper/arxiv-1">ok</a>', '<a href="lectern:paper/arxiv-1">ok</a>'],
  ['<a href="LECTERN:paper/arxiv-1">upper</a>', '<a>upper</a>'],
  ['<a href="mailto:a@b.org">m</a>', '<a href="mailto:a@b.org">m</a>'],
  ['<a href="http://example.org/a?b=1#c">plain http</a>', '<a href="http://example.org/a?b=1#c">plain http</a>'],
  // An href anywhere but on a link is dropped, even one the host would open.
  ['<span href="https://example.org/">s</span><p href="lectern:paper/a">p</p>', '<span>s</span><p>p</p>'],
  ['<a href="HTTPS://example.org/">u</a>', '<a href="HTTPS://example.org/">u</a>'],
  ['<a href="javascript:alert(1)">j</a>', '<a>j</a>'],
  ['<a href="xyz:foo">u</a>', '<a>u</a>'],
  ['<a href="//evil.example/">p</a>', '<a>p</a>'],
  ['<ol start="3"><li>x</li></ol>', '<ol start="3"><li>x</li></ol>'],
  [
    '<table><thead><tr><th align="left">h</th></tr></thead><tbody><tr><td align="right">d</td></tr></tbody></table>',
    '<table><thead><tr><th align="left">h</th></tr></thead><tbody><tr><td align="right">d</td></tr></tbody></table>',
  ],
  [
    '<p>a<br>b</p><hr><em>e</em><strong>s</strong><del>d</del><s>s</s><code>c</code><pre>p</pre><kbd>k</kbd><sub>1</sub><sup>2</sup><blockquote>q</blockquote><ul><li>u</li></ul><h1>1</h1><h2>2</h2><h3>3</h3><h4>4</h4><h5>5</h5><h6>6</h6><span>sp</span>',
    '<p>a<br>b</p><hr><em>e</em><strong>s</strong><del>d</del><s>s</s><code>c</code><pre>p</pre><kbd>k</kbd><sub>1</sub><sup>2</sup><blockquote>q</blockquote><ul><li>u</li></ul><h1>1</h1><h2>2</h2><h3>3</h3><h4>4</h4><h5>5</h5><h6>6</h6><span>sp</span>',
  ],
  [
    '<div class="c">div</div><style>x</style><script>1</script><img src=x><svg><a href="https://e.org">s</a></svg><math><mi>x</mi></math>',
    'div',
  ],
  ['<span data-x="1" data-lectern="p" class="k" id="i" title="t" aria-hidden="true">s</span>', '<span title="t">s</span>'],
  ['<p title="javascript:alert(1)" align="center">t</p>', '<p title="javascript:alert(1)" align="center">t</p>'],
];

/**
 * In the page: every element and attribute the sanitised fragment holds that the reader does not allow. Written
 * without the sanitiser's pattern: tags and attributes by list, hrefs by parsing them as the host would.
 */
const FIND_DISALLOWED = `(fragment) => {
  const tags = ['p', 'br', 'hr', 'em', 'strong', 'del', 's', 'code', 'pre', 'kbd', 'sub', 'sup', 'blockquote', 'ul', 'ol', 'li', 'a', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'span'];
  const attributes = { a: ['href', 'title', 'align'], ol: ['start', 'title', 'align'] };
  const linkAllowed = (href) => {
    if (href.startsWith('lectern:paper/')) {
      try { return /^[a-z0-9._-]{1,300}$/.test(decodeURIComponent(href.slice(14))); } catch { return false; }
    }
    let url;
    try { url = new URL(href.trim()); } catch { return false; }
    return ['http:', 'https:', 'mailto:'].includes(url.protocol) && url.username === '' && url.password === '';
  };
  const found = [];
  for (const e of fragment.querySelectorAll('*')) {
    if (!tags.includes(e.localName) || e.namespaceURI !== 'http://www.w3.org/1999/xhtml') found.push('<' + e.localName + '>');
    for (const a of e.attributes) {
      if (!(attributes[e.localName] ?? ['title', 'align']).includes(a.name)) found.push(e.localName + '[' + a.name + ']');
      if (a.name === 'href' && !linkAllowed(a.value)) found.push('href=' + a.value);
    }
  }
  return found;
}`;

describe('the sanitiser alone', { skip: browserSkipReason() }, () => {
  let harness: ReaderHarness;
  let probe: ReaderPage;

  before(async () => {
    harness = await ReaderHarness.start();
    probe = await harness.openProbe();
  });

  after(async () => {
    await harness?.close();
  });

  const sanitise = (inputs: string[]) =>
    probe.evaluate<{ html: string; disallowed: string[] }[]>(`(() => {
      const findDisallowed = ${FIND_DISALLOWED};
      return ${JSON.stringify(inputs)}.map((raw) => {
        const fragment = window.__lecternProbe.sanitizeHtml(raw);
        if (!(fragment instanceof DocumentFragment)) return { html: 'not a fragment: ' + String(fragment), disallowed: [] };
        const box = document.createElement('div');
        box.replaceChildren(fragment);
        return { html: box.innerHTML, disallowed: findDisallowed(box) };
      });
    })()`);

  test('keeps exactly the allowed tags and attributes, and only links the host would open', async () => {
    const results = await sanitise(EXACT.map(([raw]) => raw));
    assert.deepEqual(
      results.map((r) => r.html),
      EXACT.map(([, expected]) => expected),
    );
    assert.deepEqual(
      results.flatMap((r) => r.disallowed),
      [],
    );
  });

  test('every raw title and abstract of the hostile corpus comes out with nothing the reader does not allow', async () => {
    const inputs = corpus.papers.flatMap((p) => [p.title, p.abstract]);
    const results = await sanitise(inputs);
    assert.deepEqual(
      results.flatMap((r, i) => r.disallowed.map((finding) => `${corpus.papers[i >> 1].id}: ${finding}`)),
      [],
    );
    const record = await probe.record();
    assert.deepEqual(record.pwned, []);
    assert.deepEqual(probe.foreignRequests(), []);
  });
});
