import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readerCsp, readerHtml, type ReaderHtmlOptions } from './reader-html';

// The host embeds VS Code's translation in the reader page as JSON; a translation is text from outside the
// extension, so none may end the block, run a script, or loosen the page's Content Security Policy.

const nonce = 'AbCdEfGhIjKlMnOpQrStUv==';
const page = (extra: Partial<ReaderHtmlOptions>) =>
  readerHtml({ cspSource: 'https://x', nonce, scriptUri: 'https://x/reader.js', styleUri: 'https://x/reader.css', ...extra });
const BLOCK = /<script type="application\/json" id="lectern-messages" nonce="([^"]*)">([^<]*)<\/script>/;

test('the translation is a JSON data block, read back exactly; a message with </script> or <!-- cannot end it', () => {
  const messages = {
    Back: 'Zurück',
    'Go to page {0}': '</script><script>alert(1)</script>',
    '</SCRIPT ><!-- <script>': '</script>\u2028"\\ & </style>',
  };
  const html = page({ messages });
  const block = BLOCK.exec(html);
  assert.ok(block, 'the block is there, with nothing but JSON text before its end tag');
  assert.equal(block[1], nonce);
  assert.deepEqual(JSON.parse(block[2]), messages);
  assert.doesNotMatch(block[2], /</, 'no < at all inside the block');
  // Exactly the data block and the bundle: nothing a message wrote became a tag.
  assert.equal(html.match(/<script/gi)?.length, 2);
  assert.equal(html.match(/<\/script/gi)?.length, 2);
  assert.doesNotMatch(html, /<!--/);
});

test('with or without a translation the CSP is the same strict one', () => {
  const csp = (html: string) => /http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html)?.[1];
  const english = page({});
  const translated = page({ messages: { Back: 'Zurück' }, language: 'de' });
  assert.equal(csp(translated), csp(english));
  assert.equal(csp(english), readerCsp('https://x', nonce));
  // English (VS Code's bundle is undefined): an empty block, and the page reads its English texts.
  assert.deepEqual(JSON.parse(BLOCK.exec(english)?.[2] ?? 'null'), {});
});

test('<html lang> is the display language; anything that is not a language tag is en', () => {
  assert.match(page({}), /<html lang="en">/);
  assert.match(page({ language: 'de' }), /<html lang="de">/);
  assert.match(page({ language: 'pt-br' }), /<html lang="pt-br">/);
  assert.match(page({ language: 'zh-Hant-TW' }), /<html lang="zh-Hant-TW">/);
  assert.match(page({ language: '"><script>alert(1)</script>' }), /<html lang="en">/);
  assert.match(page({ language: '' }), /<html lang="en">/);
});
