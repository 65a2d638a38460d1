import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decideOpenLink } from './open-link';

test('the host opens http(s) and mailto links outside, normalised as the URL parser writes them', () => {
  assert.deepEqual(decideOpenLink('https://doi.org/10.1038/nature10098'), {
    kind: 'openExternal',
    url: 'https://doi.org/10.1038/nature10098',
  });
  assert.deepEqual(decideOpenLink(' HTTP://Example.org/a b '), { kind: 'openExternal', url: 'http://example.org/a%20b' });
  assert.deepEqual(decideOpenLink('mailto:author@example.org'), { kind: 'openExternal', url: 'mailto:author@example.org' });
});

test('the host opens a lectern:paper link sent as openExternal as that paper, inside Lectern', () => {
  assert.deepEqual(decideOpenLink('lectern:paper/arxiv-2403.01234'), { kind: 'openPaper', paperId: 'arxiv-2403.01234' });
  assert.deepEqual(decideOpenLink('lectern:paper/doi-10.1%2Dx'), { kind: 'openPaper', paperId: 'doi-10.1-x' });
});

test('a lectern:paper link may name the paper by its citekey (the reader resolves it to the paper id)', () => {
  assert.deepEqual(decideOpenLink('lectern:paper/Smith2020'), { kind: 'openPaper', paperId: 'Smith2020' });
  assert.deepEqual(decideOpenLink('lectern:paper/vaswani2017AttentionAllYou'), {
    kind: 'openPaper',
    paperId: 'vaswani2017AttentionAllYou',
  });
  assert.deepEqual(decideOpenLink('lectern:paper/smith%3A2020'), { kind: 'openPaper', paperId: 'smith:2020' });
  assert.equal(decideOpenLink('lectern:paper/<script>').kind, 'refuse');
  assert.equal(decideOpenLink('lectern:paper/a<b>').kind, 'refuse');
});

test('the host refuses every other scheme a webview could send as openExternal, and says why', () => {
  const refusals: [string, string][] = [
    ['javascript:alert(1)', 'Reader: refused to open "javascript:alert(1)": javascript: links are not opened from the reader.'],
    [
      '  JavaScript:alert(document.cookie)',
      'Reader: refused to open "  JavaScript:alert(document.cookie)": javascript: links are not opened from the reader.',
    ],
    ['file:///etc/passwd', 'Reader: refused to open "file:///etc/passwd": file: links are not opened from the reader.'],
    [
      'command:workbench.action.terminal.new',
      'Reader: refused to open "command:workbench.action.terminal.new": command: links are not opened from the reader.',
    ],
    ['vscode://file/etc/passwd', 'Reader: refused to open "vscode://file/etc/passwd": vscode: links are not opened from the reader.'],
    [
      'data:text/html,<script>alert(1)</script>',
      'Reader: refused to open "data:text/html,<script>alert(1)</script>": data: links are not opened from the reader.',
    ],
    [
      'vscode-webview://x/index.html',
      'Reader: refused to open "vscode-webview://x/index.html": vscode-webview: links are not opened from the reader.',
    ],
    ['https://user:pw@example.org/', 'Reader: refused to open "https://user:pw@example.org/": URLs with credentials are not opened.'],
    ['/relative/path', 'Reader: refused to open "/relative/path": not an absolute URL.'],
    ['', 'Reader: refused to open "": not an absolute URL.'],
    ['lectern:paper/../../etc/passwd', 'Reader: refused to open "lectern:paper/../../etc/passwd": not a valid paper id.'],
    ['lectern:paper/', 'Reader: refused to open "lectern:paper/": not a valid paper id.'],
  ];
  for (const [url, warning] of refusals) assert.deepEqual(decideOpenLink(url), { kind: 'refuse', warning }, url);
});

test('a refused URL is quoted in the warning cut to 200 characters', () => {
  const long = `javascript:${'x'.repeat(500)}`;
  assert.deepEqual(decideOpenLink(long), {
    kind: 'refuse',
    warning: `Reader: refused to open ${JSON.stringify(long.slice(0, 200))}: javascript: links are not opened from the reader.`,
  });
});
