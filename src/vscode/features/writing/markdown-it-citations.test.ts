import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { markdownItCitations, type MarkdownItLike } from './markdown-it-citations';

// The real markdown-it (VS Code's Markdown preview runs it; here it comes with @vscode/vsce). It ships no types.
const MarkdownIt = createRequire(import.meta.url)('markdown-it') as new (options?: object) => MarkdownItLike & {
  render(text: string): string;
  use(plugin: unknown, options: unknown): unknown;
};

const PAPERS: Record<string, { id: string; title: string }> = {
  smith2020: { id: 'paper-a', title: 'Paper "A"' },
  'paper-a': { id: 'paper-a', title: 'Paper "A"' },
  'Doe:99': { id: 'paper-b', title: 'Paper B' },
};

function render(text: string): string {
  const md = new MarkdownIt({ linkify: true });
  md.use(markdownItCitations, {
    resolve: (key: string) => PAPERS[key],
    href: (id: string) => `vscode://lectern-research.lectern/paper/${id}`,
  });
  return md.render(text);
}

const link = (id: string, title: string, text: string) =>
  `<a href="vscode://lectern-research.lectern/paper/${id}" title="${title}" class="lectern-citation" data-lectern-paper="${id}">${text}</a>`;

describe('markdownItCitations (real markdown-it)', () => {
  test('[@key], [@a; @b], @key and [[id]] of known papers are links; unknown keys stay text', () => {
    assert.equal(
      render('As [@smith2020, p. 4] shows.'),
      `<p>As [${link('paper-a', 'Paper &quot;A&quot;', '@smith2020')}, p. 4] shows.</p>\n`,
    );
    assert.equal(
      render('Both [@smith2020; -@Doe:99; @unknown].'),
      `<p>Both [${link('paper-a', 'Paper &quot;A&quot;', '@smith2020')}; ${link('paper-b', 'Paper B', '-@Doe:99')}; @unknown].</p>\n`,
    );
    assert.equal(render('@Doe:99 argues'), `<p>${link('paper-b', 'Paper B', '@Doe:99')} argues</p>\n`);
    assert.equal(
      render('See [[paper-a]] and [[paper-a|the A paper]].'),
      `<p>See ${link('paper-a', 'Paper &quot;A&quot;', 'paper-a')} and ${link('paper-a', 'Paper &quot;A&quot;', 'the A paper')}.</p>\n`,
    );
  });

  test('code, links, e-mails and emphasis are left alone; emphasis around a citation keeps it', () => {
    assert.equal(
      render('`[@smith2020]` and\n\n```\n@smith2020\n```'),
      '<p><code>[@smith2020]</code> and</p>\n<pre><code>@smith2020\n</code></pre>\n',
    );
    assert.equal(render('[see @smith2020](https://x.org)'), '<p><a href="https://x.org">see @smith2020</a></p>\n');
    assert.ok(!render('mail smith2020@x.org').includes('lectern-citation'));
    assert.equal(render('*cf.* @smith2020'), `<p><em>cf.</em> ${link('paper-a', 'Paper &quot;A&quot;', '@smith2020')}</p>\n`);
  });
});
