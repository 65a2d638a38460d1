import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { AnnotationView } from '../../src/shared/protocol';
import { paperView, showPaper } from './paper-fixtures';
import { browserSkipReason, ReaderHarness, type ReaderPage } from './reader-harness';

const skip = browserSkipReason();

describe('reader webview in Chromium', { skip }, () => {
  let harness: ReaderHarness;
  let reader: ReaderPage;
  const pages: ReaderPage[] = [];

  before(async () => {
    harness = await ReaderHarness.start();
    reader = await harness.open();
    pages.push(reader);
  });

  after(async () => {
    await harness?.close();
  });

  /** Opens a paper in the shared page and forgets what was posted so far. */
  async function show(...args: Parameters<typeof showPaper>): Promise<void> {
    await reader.send(showPaper(...args));
    await reader.clearPosted();
  }

  const text = (selector: string) => reader.evaluate<string>(`document.querySelector(${JSON.stringify(selector)})?.textContent ?? ''`);
  const texts = (selector: string) =>
    reader.evaluate<string[]>(`[...document.querySelectorAll(${JSON.stringify(selector)})].map((e) => e.textContent)`);
  const markText = (id: string) =>
    reader.evaluate<string>(
      `[...document.querySelectorAll('mark.annotation[data-annotation-id=${JSON.stringify(id)}]')].map((m) => m.textContent).join('')`,
    );

  test('posts ready first, before anything else, and renders the shell with landmarks', async () => {
    const fresh = await harness.open();
    pages.push(fresh);
    const record = await fresh.record();
    assert.deepEqual(record.posted, [{ type: 'ready' }]);
    const landmarks = await fresh.evaluate<string[]>(
      `['header', 'main', 'aside', 'nav[aria-label]'].filter((s) => document.querySelector('#app ' + s))`,
    );
    assert.deepEqual(landmarks, ['header', 'main', 'aside', 'nav[aria-label]']);
    // The vscode-elements buttons upgraded (Lit ran under the CSP) and style their shadow roots.
    const upgraded = await fresh.evaluate<{ shadow: boolean; sheets: number }>(
      `(() => { const b = document.querySelector('vscode-button'); return { shadow: !!b.shadowRoot, sheets: b.shadowRoot?.adoptedStyleSheets.length ?? 0 }; })()`,
    );
    assert.deepEqual(upgraded.shadow, true);
    assert.ok(upgraded.sheets > 0, 'vscode-button has adopted stylesheets');
    assert.deepEqual((await fresh.record()).csp, []);
    await fresh.close();
  });

  test('renders TeX as MathML; \\% and text dollars stay text; code spans stay literal', async () => {
    await show(
      paperView({
        id: 'math',
        title: 'The $\\mu$-Parametrisation',
        abstract:
          'Energy $E = mc^2$ and $$\\sum_{i=1}^{n} x_i$$ with \\(\\alpha\\) and \\[\\beta\\]. We cut costs by 50\\% (see `$a_b$`); it costs $5 and $10. Broken $\\frac{1$ stays; $\\fcolorbox{red}{blue}{x}$ and $\\pmb{y}$ keep no style.',
      }),
    );
    assert.equal(await reader.evaluate<number>(`document.querySelectorAll('#abstract math').length`), 6);
    assert.equal(await reader.evaluate<number>(`document.querySelectorAll('#app [style]').length`), 0);
    assert.equal(await reader.evaluate<number>(`document.querySelectorAll('#abstract math[display="block"]').length`), 2);
    const first = await reader.evaluate<{ mi: string[]; mo: string[]; mn: string[] }>(`(() => {
      const m = document.querySelector('#abstract math');
      return { mi: [...m.querySelectorAll('mi')].map((e) => e.textContent), mo: [...m.querySelectorAll('mo')].map((e) => e.textContent), mn: [...m.querySelectorAll('mn')].map((e) => e.textContent) };
    })()`);
    assert.deepEqual(first, { mi: ['E', 'm', 'c'], mo: ['='], mn: ['2'] });
    assert.equal(await reader.evaluate<number>(`document.querySelectorAll('#abstract msup').length`), 1);
    const greek = await texts('#abstract math mi');
    assert.ok(greek.includes('α') && greek.includes('β'), greek.join());
    const abstract = await text('#abstract');
    assert.match(abstract, /by 50% \(see \$a_b\$\)/);
    assert.match(abstract, /it costs \$5 and \$10\./);
    assert.ok(!abstract.includes('mc^2'), 'the TeX annotation is not shown');
    assert.equal(await text('#abstract code'), '$a_b$');
    assert.equal(await text('#abstract .math-error'), '$\\frac{1$');
    assert.equal(await reader.evaluate<number>(`document.querySelectorAll('#paper-title math mi').length`), 1);
    assert.equal(await reader.evaluate<number>(`document.querySelectorAll('annotation, semantics').length`), 0);
  });

  test('renders markdown, linkifies bare URLs, and shows remote images as links, never loading them', async () => {
    const before = reader.requests.length;
    await show(
      paperView({
        id: 'markdown',
        abstract:
          'We **propose** a _method_. Code: https://github.com/org/repo. Figure: ![the plot](https://example.org/plot.png) and ![inline](data:image/png;base64,AAAA).',
      }),
    );
    assert.equal(await text('#abstract strong'), 'propose');
    assert.equal(await text('#abstract em'), 'method');
    const links = await reader.evaluate<[string, string][]>(
      `[...document.querySelectorAll('#abstract a')].map((a) => [a.getAttribute('href'), a.textContent])`,
    );
    assert.deepEqual(links, [
      ['https://github.com/org/repo', 'https://github.com/org/repo'],
      ['https://example.org/plot.png', 'the plot'],
    ]);
    assert.equal(await reader.evaluate<number>(`document.querySelectorAll('img').length`), 0);
    assert.match(await text('#abstract'), /and inline\./);
    assert.deepEqual(reader.requests.slice(before), []);
  });

  test('intercepts links: http → openExternal, lectern:paper → openPaper, javascript: → nothing; never navigates', async () => {
    await show(
      paperView({
        id: 'links',
        arxivId: '2403.01234',
        doi: '10.1000/xyz',
        abstract:
          'Read [the site](https://example.org/page?q=1), [a paper](lectern:paper/2403.01234), [bad](javascript:alert(1)) and [file](file:///etc/passwd).',
      }),
    );
    const url = reader.page.url();
    await reader.page.click('#abstract a[href^="https:"]');
    await reader.page.click('#abstract a[href^="https:"]', { button: 'middle' });
    await reader.page.click('#abstract a[href^="lectern:"]');
    await reader.page.locator('#abstract a:not([href])', { hasText: 'bad' }).click(); // the javascript: link, its href removed
    await reader.page.click('.identifiers a[href*="arxiv"]');
    await reader.page.click('.identifiers a[href*="doi.org"]');
    // A javascript: link that got past sanitising still does nothing when clicked.
    await reader.evaluate(
      `(() => { const a = document.createElement('a'); a.id = 'planted'; a.setAttribute('href', 'javascript:window.__pwned=1'); a.textContent = 'planted'; document.querySelector('#abstract').append(a); })()`,
    );
    await reader.page.click('#planted');
    await reader.page.waitForTimeout(100);
    assert.deepEqual(await reader.posted(), [
      { type: 'openExternal', url: 'https://example.org/page?q=1' },
      { type: 'openExternal', url: 'https://example.org/page?q=1' },
      { type: 'openPaper', paperId: '2403.01234' },
      { type: 'openExternal', url: 'https://arxiv.org/abs/2403.01234' },
      { type: 'openExternal', url: 'https://doi.org/10.1000/xyz' },
    ]);
    assert.equal(reader.page.url(), url);
    assert.deepEqual(reader.navigations, []);
    assert.deepEqual(reader.popups, []);
    assert.deepEqual((await reader.record()).pwned, []);
  });

  test('a paper of the bundled sample says so above its title; the user’s own paper does not', async () => {
    await show(paperView({ id: 'sample', title: 'A Sample Paper', sample: true }));
    assert.equal(await text('.paper .sample-note'), 'Sample paper — bundled with Lectern');
    await show(paperView({ id: 'own', title: 'My Own Paper' }));
    assert.equal(await reader.evaluate<number>(`document.querySelectorAll('.sample-note').length`), 0);
  });

  test('marks search terms in the title and abstract at word starts', async () => {
    await show(
      paperView({
        id: 'terms',
        title: 'Attention Sinks in Transformers',
        abstract: 'The attention sink appears; nonattention does not. Attentional maps too.',
      }),
      { highlightTerms: ['attention', 'sink'] },
    );
    assert.deepEqual(await texts('#paper-title mark.search-term'), ['Attention', 'Sink']);
    assert.deepEqual(await texts('#abstract mark.search-term'), ['attention', 'sink', 'Attention']);
  });

  test('anchors annotations: exact with context, moved, slightly edited, across elements; orphans are listed', async () => {
    const annotations: AnnotationView[] = [
      { id: 'h-exact', selector: { exact: 'the model', prefix: 'Then ', suffix: ' forgets' }, comment: 'second one' },
      {
        id: 'h-moved',
        selector: { exact: 'sparse attention heads', prefix: 'in the introduction we find ', suffix: ' everywhere' },
        comment: '',
      },
      { id: 'h-edited', selector: { exact: 'large language models are few-shot learners', prefix: 'that ', suffix: '.' }, comment: '' },
      { id: 'h-across', selector: { exact: 'deeply nested words', prefix: '', suffix: '' }, comment: '' },
      { id: 'h-orphan', selector: { exact: 'quantum chromodynamics on a lattice', prefix: '', suffix: '' }, comment: 'gone now' },
    ];
    await show(
      paperView({
        id: 'anchors',
        abstract:
          'First the model learns. Then the model forgets. We show that large language model are few shot learners. ' +
          'Some *deeply nested* words here. Finally, sparse attention heads matter.',
      }),
      { annotations },
    );
    assert.equal(await markText('h-exact'), 'the model');
    const exactIsSecond = await reader.evaluate<boolean>(
      `document.querySelector('mark[data-annotation-id="h-exact"]').previousSibling.textContent.endsWith('Then ')`,
    );
    assert.ok(exactIsSecond, 'prefix/suffix pick the second occurrence');
    assert.equal(await markText('h-moved'), 'sparse attention heads');
    assert.equal(await markText('h-edited'), 'large language model are few shot learners');
    assert.equal(await markText('h-across'), 'deeply nested words');
    assert.equal(await reader.evaluate<number>(`document.querySelectorAll('mark[data-annotation-id="h-across"]').length`), 2);
    assert.equal(await markText('h-orphan'), '');
    assert.match(await text('.annotations'), /Orphaned highlights/);
    assert.deepEqual(await texts('.orphans .annotation-quote'), ['“quantum chromodynamics on a lattice”']);
    assert.deepEqual(await texts('.orphans .annotation-comment'), ['gone now']);
    assert.equal(await reader.evaluate<number>(`document.querySelectorAll('.annotation-list:not(.orphans) > li').length`), 4);
    // Clicking a listed highlight moves focus to its mark.
    await reader.page.click('.annotation-list:not(.orphans) li:first-child .annotation-quote');
    assert.equal(await reader.evaluate<string>(`document.activeElement?.dataset.annotationId`), 'h-exact');
    // Remove posts removeAnnotation; a new `annotations` message redraws the marks.
    await reader.page.click('.orphans .annotation-item button:has-text("Remove")');
    assert.deepEqual(await reader.posted(), [{ type: 'removeAnnotation', paperId: 'anchors', annotationId: 'h-orphan' }]);
    await reader.send({ type: 'annotations', paperId: 'anchors', annotations: annotations.slice(0, 1) });
    assert.equal(await reader.evaluate<number>(`document.querySelectorAll('mark.annotation').length`), 1);
    assert.equal(await reader.evaluate<number>(`document.querySelectorAll('.orphans').length`), 0);
  });

  /** Selects the characters [start, end) of the abstract's text with the mouse. */
  async function dragSelect(quote: string): Promise<void> {
    const points = await reader.evaluate<{ x1: number; y1: number; x2: number; y2: number }>(`(() => {
      const abstract = document.querySelector('#abstract');
      const full = abstract.textContent;
      const start = full.indexOf(${JSON.stringify(quote)});
      const end = start + ${quote.length};
      const walker = document.createTreeWalker(abstract, NodeFilter.SHOW_TEXT);
      const at = (offset) => { let pos = 0; for (let n = walker.nextNode(); n; n = walker.nextNode()) { if (offset < pos + n.data.length) { const r = document.createRange(); r.setStart(n, offset - pos); r.setEnd(n, offset - pos + 1); return r.getBoundingClientRect(); } pos += n.data.length; } };
      const a = at(start); walker.currentNode = abstract; const b = at(end - 1);
      return { x1: a.left + 1, y1: a.top + a.height / 2, x2: b.right - 1, y2: b.top + b.height / 2 };
    })()`);
    await reader.page.mouse.move(points.x1, points.y1);
    await reader.page.mouse.down();
    await reader.page.mouse.move(points.x2, points.y2, { steps: 5 });
    await reader.page.mouse.up();
  }

  test('selecting text and clicking Highlight posts addAnnotation with exact, prefix and suffix', async () => {
    const abstract = 'Recurrent networks process sequences one step at a time, which limits parallelism during training on long inputs.';
    await show(paperView({ id: 'select', abstract }));
    await dragSelect('limits parallelism');
    await reader.page.locator('.selection-toolbar').waitFor({ state: 'visible' });
    await reader.page.locator('.selection-toolbar vscode-button', { hasText: 'Highlight' }).click();
    const start = abstract.indexOf('limits parallelism');
    const end = start + 'limits parallelism'.length;
    assert.deepEqual(await reader.posted(), [
      {
        type: 'addAnnotation',
        paperId: 'select',
        comment: '',
        selector: { exact: 'limits parallelism', prefix: abstract.slice(start - 32, start), suffix: abstract.slice(end, end + 32) },
      },
    ]);
    assert.equal(await reader.page.locator('.selection-toolbar').isVisible(), false);

    await reader.clearPosted();
    await dragSelect('long inputs');
    await reader.page.locator('.selection-toolbar vscode-button', { hasText: 'Comment' }).click();
    await reader.page.locator('.selection-toolbar textarea').fill('why only long ones?');
    await reader.page.keyboard.press('Control+Enter');
    const posted = await reader.posted();
    assert.equal(posted.length, 1);
    assert.deepEqual(posted[0], {
      type: 'addAnnotation',
      paperId: 'select',
      comment: 'why only long ones?',
      selector: {
        exact: 'long inputs',
        prefix: abstract.slice(abstract.indexOf('long inputs') - 32, abstract.indexOf('long inputs')),
        suffix: '.',
      },
    });
  });

  test('keyboard shortcuts post the right messages and are announced', async () => {
    await show(paperView({ id: 'keys', abstract: 'Keyboard users can highlight this sentence too.' }), {
      history: { canGoBack: true, canGoForward: false },
    });
    await reader.evaluate('document.activeElement?.blur()');
    await reader.page.keyboard.press('n');
    await reader.page.keyboard.press('c');
    await reader.page.keyboard.press('Alt+ArrowLeft');
    await reader.page.keyboard.press('Alt+ArrowRight'); // no forward history: nothing
    await reader.page.keyboard.press('h'); // no selection: nothing
    await reader.evaluate(
      `(() => { const t = document.querySelector('#abstract p').firstChild; const r = document.createRange(); r.setStart(t, 19); r.setEnd(t, 37); getSelection().removeAllRanges(); getSelection().addRange(r); })()`,
    );
    await reader.page.keyboard.press('h');
    assert.deepEqual(await reader.posted(), [
      { type: 'openNote', paperId: 'keys' },
      { type: 'copyCitation', paperId: 'keys', format: 'bibtex' },
      { type: 'navigate', direction: 'back' },
      {
        type: 'addAnnotation',
        paperId: 'keys',
        comment: '',
        selector: { exact: 'highlight this sen', prefix: 'Keyboard users can ', suffix: 'tence too.' },
      },
    ]);
    const shortcuts = await reader.evaluate<string[]>(
      `[...document.querySelectorAll('[aria-keyshortcuts]')].map((e) => e.getAttribute('aria-keyshortcuts'))`,
    );
    for (const key of ['Alt+ArrowLeft', 'Alt+ArrowRight', 'N', 'C', 'H']) assert.ok(shortcuts.includes(key), key);
  });

  test('toolbar buttons, topics and related papers post their messages; disabled buttons do not', async () => {
    await show(paperView({ id: 'buttons', topics: ['Spiking Networks'], status: 'to-read' }), {
      related: [{ id: 'other-paper', title: 'Another Paper', score: 0.5, sharedTerms: ['spiking', 'neuron'] }],
    });
    const button = (label: string) => reader.page.locator('header vscode-button', { hasText: new RegExp(`^\\s*${label}\\s*$`) });
    await button('Back').click({ force: true }); // disabled: no history
    await button('APA').click();
    await button('Markdown').click();
    await button('Reading').click();
    await button('Reveal in Tree').click();
    await button('Open Note').click();
    await reader.page.click('.topic');
    await reader.page.click('.related-paper');
    assert.deepEqual(await reader.posted(), [
      { type: 'copyCitation', paperId: 'buttons', format: 'apa' },
      { type: 'copyCitation', paperId: 'buttons', format: 'markdown' },
      { type: 'setStatus', paperId: 'buttons', status: 'reading' },
      { type: 'revealInTree', paperId: 'buttons' },
      { type: 'openNote', paperId: 'buttons' },
      { type: 'filterTopic', topic: 'Spiking Networks' },
      { type: 'openPaper', paperId: 'other-paper' },
    ]);
    assert.match(await text('.related-paper'), /Another Paper.*spiking · neuron/);
    assert.equal(
      await reader.evaluate<string>(
        `document.querySelector('vscode-button[aria-label="Set status: To read"]').getAttribute('aria-pressed')`,
      ),
      'true',
    );
    await reader.send({ type: 'paperStatus', paperId: 'buttons', status: 'read', tags: ['to-cite'], hasNote: true });
    assert.match(await text('#paper-status'), /Read.*to-cite.*Has a note/);
    assert.equal(
      await reader.evaluate<string>(`document.querySelector('vscode-button[aria-label="Set status: Read"]').getAttribute('aria-pressed')`),
      'true',
    );
  });

  test('ignores malformed messages and shows paperMissing', async () => {
    await reader.sendIgnored({ type: 'showPaper', paper: { id: 'x' } });
    await reader.sendIgnored({ type: 'nonsense' });
    await reader.sendIgnored('not an object');
    assert.equal(await reader.evaluate<string>(`document.querySelector('#app').dataset.paperId`), 'buttons');
    await reader.send({ type: 'paperMissing', paperId: 'gone', message: 'Lectern: no paper has the id "gone".' });
    assert.match(await text('[role="alert"]'), /no paper has the id "gone"/);
  });

  test('keeps ReaderState with setState and restores terms and scroll from getState', async () => {
    await show(paperView({ id: 'stateful', abstract: 'Neurons.' }), { highlightTerms: ['neurons'] });
    assert.deepEqual((await reader.record()).state, { paperId: 'stateful', highlightTerms: ['neurons'], scrollTop: 0 });

    const long = paperView({
      id: 'long-paper',
      abstract: Array.from({ length: 60 }, (_, i) => `Paragraph ${i} about spiking neurons and their dynamics.`).join('\n\n'),
    });
    const restored = await harness.open({ state: { paperId: 'long-paper', highlightTerms: ['spiking'], scrollTop: 400 } });
    pages.push(restored);
    await restored.send(showPaper(long));
    assert.equal(await restored.evaluate<number>(`document.querySelectorAll('#abstract mark.search-term').length`), 60);
    assert.equal(await restored.evaluate<number>('Math.round(window.scrollY)'), 400);
    await restored.evaluate('window.scrollTo(0, 900)');
    await restored.waitFor('window.__lectern.state.scrollTop === 900');
    assert.deepEqual((await restored.record()).state, { paperId: 'long-paper', highlightTerms: ['spiking'], scrollTop: 900 });
    assert.deepEqual((await restored.record()).csp, []);
    await restored.close();
  });

  test('nothing left the page, broke the CSP, or logged an error', async () => {
    for (const page of pages) {
      assert.deepEqual(page.foreignRequests(), []);
      assert.deepEqual(page.consoleErrors, []);
      assert.deepEqual(page.pageErrors, []);
      assert.deepEqual(page.dialogs, []);
    }
    assert.deepEqual((await reader.record()).csp, []);
  });
});
