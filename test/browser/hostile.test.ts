/**
 * The hostile corpus: every XSS / exfiltration vector in test/fixtures/hostile/hostile-papers.json
 * is shown in the real reader page (one page, one showPaper each). Nothing may run (payloads set
 * `window.__pwned` or call `alert`, both trapped), load from anywhere but the local server, or
 * navigate; and no CSP violation may occur at all — sanitising, not the CSP, must stop them.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AnnotationView, PaperView, RelatedPaperView } from '../../src/shared/protocol';
import { decideOpenLink } from '../../src/vscode/features/reader/open-link';
import { paperView, showPaper } from './paper-fixtures';
import { browserSkipReason, ReaderHarness, repoRoot, type ReaderPage } from './reader-harness';

interface HostilePaper extends Partial<PaperView> {
  id: string;
  vector: string;
  title: string;
  abstract: string;
  related?: RelatedPaperView[];
  annotations?: AnnotationView[];
  highlightTerms?: string[];
}

const corpus = JSON.parse(readFileSync(join(repoRoot, 'test', 'fixtures', 'hostile', 'hostile-papers.json'), 'utf8')) as {
  papers: HostilePaper[];
};

/** Everything in the paper's part of the page that must never be there after sanitising. */
const FIND_DANGER = `(() => {
  const found = [];
  const forbidden = new Set(['script', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'form', 'input', 'select', 'textarea', 'style', 'base', 'meta', 'link',
    'img', 'image', 'picture', 'source', 'video', 'audio', 'track', 'svg', 'use', 'foreignobject', 'template', 'noscript', 'details', 'marquee', 'xmp', 'noembed', 'isindex', 'maction', 'mglyph', 'annotation-xml']);
  for (const root of document.querySelectorAll('#reader-main, .reader-aside')) {
    for (const e of root.querySelectorAll('*')) {
      const name = e.localName.toLowerCase();
      // The notes pane's own textarea is Lectern's control, not paper content (its attributes are still checked).
      const ownControl = e.id === 'note-body' && e.parentElement?.id === 'notes-pane' && name === 'textarea';
      if (forbidden.has(name) && !ownControl) found.push('<' + name + '>');
      if (e.namespaceURI === 'http://www.w3.org/2000/svg') found.push('svg namespace: <' + name + '>');
      for (const attribute of e.attributes) {
        const a = attribute.name.toLowerCase();
        if (a.startsWith('on') || ['style', 'src', 'srcset', 'ping', 'action', 'formaction', 'background', 'xlink:href', 'srcdoc', 'data', 'name'].includes(a)) found.push(name + '[' + a + ']');
        if (a === 'href' && !(name === 'a' && /^(https?:|mailto:|lectern:paper\\/)/i.test(attribute.value))) found.push(name + '[href=' + attribute.value + ']');
      }
    }
    for (const e of root.querySelectorAll('#abstract [id]')) found.push('id in abstract: ' + e.id);
  }
  return found;
})()`;

/**
 * What paper content may carry once rendered, written without the sanitiser's rules: inside the title and abstract,
 * a link has an href the host would open (parsed here as a URL, not matched against the sanitiser's pattern) and no
 * attribute but href and title; the only class, id or data-* attributes are the reader's own marks and math
 * wrappers; the identifier links carry exactly href and class="id-link".
 */
const FIND_FOREIGN_ATTRIBUTES = `(() => {
  const found = [];
  const linkAllowed = (href) => {
    if (href.startsWith('lectern:paper/')) {
      try { return /^[a-z0-9._-]{1,300}$/.test(decodeURIComponent(href.slice(14))); } catch { return false; }
    }
    let url;
    try { url = new URL(href.trim()); } catch { return false; }
    return ['http:', 'https:', 'mailto:'].includes(url.protocol) && url.username === '' && url.password === '';
  };
  const readerClass = (e) =>
    (e.localName === 'mark' && ['search-term', 'annotation', 'annotation has-comment'].includes(e.className)) ||
    (e.localName === 'span' && /^math math-(inline|display)( math-error)?$/.test(e.className));
  for (const e of document.querySelectorAll('#paper-title *, #abstract *')) {
    const name = e.localName;
    for (const a of e.attributes) {
      const n = a.name;
      if (name === 'a' && !['href', 'title'].includes(n)) found.push('a[' + n + ']');
      if (n === 'href' && !linkAllowed(a.value)) found.push(name + '[href=' + a.value + ']');
      if (n === 'class' && !readerClass(e)) found.push(name + '.' + a.value);
      if (n === 'id') found.push(name + '#' + a.value);
      if (n.startsWith('data-') && !(n === 'data-annotation-id' && e.localName === 'mark' && e.className.startsWith('annotation'))) found.push(name + '[' + n + ']');
    }
  }
  for (const e of document.querySelectorAll('#reader-main a, .reader-aside a')) {
    const href = e.getAttribute('href');
    if (href !== null && !linkAllowed(href)) found.push('a[href=' + href + ']');
    if (e.classList.contains('id-link') && [...e.attributes].map((a) => a.name).sort().join() !== 'class,href') found.push('id-link with ' + [...e.attributes].map((a) => a.name).join());
  }
  return found;
})()`;

const normalise = (text: string) => text.replace(/\s+/g, ' ').trim();

describe('hostile corpus in the reader', { skip: browserSkipReason() }, () => {
  let harness: ReaderHarness;
  let reader: ReaderPage;

  before(async () => {
    harness = await ReaderHarness.start();
    reader = await harness.open();
  });

  after(async () => {
    await harness?.close();
  });

  test('the corpus has at least 60 vectors, each with a payload', () => {
    assert.ok(corpus.papers.length >= 60, `${corpus.papers.length} vectors`);
    assert.equal(new Set(corpus.papers.map((p) => p.id)).size, corpus.papers.length);
  });

  test('the traps catch what a sanitiser failure would do (control)', async () => {
    const control = await harness.open();
    try {
      // An inline handler that surely runs if allowed: a clicked button's onclick (an <img onerror>
      // depends on whether the blocked image still fires its error event, which Chromium versions differ on).
      await control.evaluate(`(() => {
        alert('x');
        window.__pwned = 1;
        const box = document.createElement('div');
        box.innerHTML = '<img src="https://evil.example/leak.png"><button id="trap" onclick="window.__pwned = 2">x</button><p style="color: red">x</p>';
        document.body.append(box);
        document.getElementById('trap').click();
      })()`);
      await control.waitFor('window.__lectern.csp.length >= 3');
      const record = await control.record();
      assert.deepEqual(record.pwned, ['alert:x', '__pwned=1']);
      assert.deepEqual(new Set(record.csp.map((v) => v.directive)), new Set(['img-src', 'script-src-attr', 'style-src-attr']));
      assert.ok(record.csp.some((v) => v.blockedURI === 'https://evil.example/leak.png'));
    } finally {
      // A page left open would keep the reader's page in the background, where Chromium throttles it.
      await control.close();
    }
  });

  for (const hostile of corpus.papers) {
    test(`${hostile.id}: ${hostile.vector}`, async () => {
      const { vector: _vector, related = [], annotations = [], highlightTerms = ['attention'], ...fields } = hostile;
      const requestsBefore = reader.requests.length;
      await reader.clearPosted();
      await reader.send(showPaper(paperView(fields), { related, annotations, highlightTerms }));
      assert.equal(
        await reader.evaluate<string>(`document.querySelector('#app').dataset.paperId`),
        hostile.id,
        'the reader showed the paper',
      );

      // Poke it: hover the title and abstract, click every link.
      for (const selector of ['#paper-title', '#abstract', '.reader-aside']) {
        const box = await reader.page.locator(selector).first().boundingBox();
        if (box) await reader.page.mouse.move(box.x + box.width / 2, box.y + Math.min(box.height / 2, 20));
      }
      await reader.evaluate(`document.querySelectorAll('#reader-main a, .reader-aside a').forEach((a) => a.click())`);
      await reader.page.waitForTimeout(30);

      const record = await reader.record();
      assert.deepEqual(record.pwned, [], 'no payload ran');
      assert.deepEqual(reader.dialogs, [], 'no dialog opened');
      assert.deepEqual(record.csp, [], 'no CSP violation: sanitising, not the CSP, stopped it');
      assert.deepEqual(reader.requests.slice(requestsBefore), [], 'the paper made no request at all');
      assert.deepEqual(reader.navigations, [], 'no navigation');
      assert.deepEqual(reader.popups, [], 'no popup');
      assert.deepEqual(await reader.evaluate<string[]>(FIND_DANGER), [], 'nothing dangerous in the DOM');
      assert.deepEqual(await reader.evaluate<string[]>(FIND_FOREIGN_ATTRIBUTES), [], 'no attribute from the paper but href and title');
      for (const message of record.posted) {
        // The host's own re-check must accept what a click sent, unchanged.
        if (message.type === 'openExternal') assert.deepEqual(decideOpenLink(message.url), { kind: 'openExternal', url: message.url });
        else if (message.type === 'openPaper') assert.match(message.paperId, /^[a-z0-9._-]+$/);
        else assert.fail(`unexpected message ${JSON.stringify(message)}`);
      }
      const visibleTitle = normalise(await reader.evaluate<string>(`document.querySelector('#paper-title').innerText`));
      assert.ok(visibleTitle.includes(normalise(hostile.title)), `title shown as text: ${visibleTitle}`);
      assert.ok(normalise(await reader.evaluate<string>('document.body.innerText')).includes(normalise(hostile.title)));
    });
  }

  test('the sanitiser alone (no markdown escaping) neutralises every raw title and abstract', async () => {
    const probe = await harness.openProbe();
    const inputs = corpus.papers.flatMap((p) => [
      [`${p.id} title`, p.title],
      [`${p.id} abstract`, p.abstract],
    ]);
    const findings = await probe.evaluate<[string, string[]][]>(`(() => {
      const results = [];
      const box = document.createElement('div');
      box.id = 'probe';
      document.body.append(box);
      for (const [name, raw] of ${JSON.stringify(inputs)}) {
        box.replaceChildren(window.__lecternProbe.sanitizeHtml(raw));
        const found = [];
        for (const e of box.querySelectorAll('*')) {
          if (!['p', 'br', 'hr', 'em', 'strong', 'del', 's', 'code', 'pre', 'kbd', 'sub', 'sup', 'blockquote', 'ul', 'ol', 'li', 'a', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'span'].includes(e.localName)) found.push('<' + e.localName + '>');
          for (const a of e.attributes) {
            if (!['href', 'title', 'start', 'align'].includes(a.name)) found.push(e.localName + '[' + a.name + ']');
            if (a.name === 'href' && !/^(https?:|mailto:|lectern:paper\\/)/i.test(a.value)) found.push('href=' + a.value);
          }
        }
        results.push([name, found]);
      }
      return results;
    })()`);
    assert.deepEqual(
      findings.filter(([, found]) => found.length > 0),
      [],
    );
    await probe.page.waitForTimeout(300);
    const record = await probe.record();
    assert.deepEqual(record.pwned, []);
    assert.deepEqual(probe.foreignRequests(), []);
    assert.deepEqual(probe.navigations, []);
    // Chromium reports raw `on…=`, `style=` and `<style>` as inline violations as soon as
    // DOMPurify's DOMParser document parses them (that document never runs script or loads
    // anything either way). No other violation may show up — above all no blocked URL. The reader
    // itself never hands raw HTML to the parser (markdown escapes it), so its page sees none at all.
    assert.deepEqual(
      record.csp.filter((v) => !(v.blockedURI === 'inline' && v.source.includes('/probe.js:'))),
      [],
    );
    await probe.close();
  });

  test('afterwards: still nothing ran, loaded, navigated or logged an error', async () => {
    await reader.page.waitForTimeout(500);
    const record = await reader.record();
    assert.deepEqual(record.pwned, []);
    assert.deepEqual(record.csp, []);
    assert.deepEqual(reader.foreignRequests(), []);
    assert.deepEqual(reader.navigations, []);
    assert.deepEqual(reader.dialogs, []);
    assert.deepEqual(reader.consoleErrors, []);
    assert.deepEqual(reader.pageErrors, []);
    assert.deepEqual(
      harness.served.filter(
        (path) =>
          !['/', '/probe', '/probe.js', '/media/reader.css', '/dist/webview/reader.js', '/media/missing.png' /* the control */].includes(
            path,
          ),
      ),
      [],
    );
  });
});
