import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { assignIds } from '../ids/assign-ids';
import { importCorpusFile } from '../import/import-corpus-file';
import type { Paper } from '../model/paper';
import { repoRoot, sharedCorpus } from '../../../test/support/shared-corpora';
import { assignTopics, OTHER_TOPIC } from './assign-topics';
import { parseTaxonomy } from './load-taxonomy';

// Real third-party exports (see /work/shared/corpora/SOURCES.md); skipped when absent.
const ICLR = sharedCorpus('openreview_iclr2018_paperlists.json');
const ARXIV = sharedCorpus('arxiv_snapshot_0704.0001-2000_authors-parsed-flattened.jsonl');

function load(path: string): Paper[] {
  const result = importCorpusFile(basename(path), readFileSync(path));
  return assignIds(result.papers).papers;
}

const taxonomy = parseTaxonomy('corpus/topics.json', readFileSync(join(repoRoot, 'corpus', 'topics.json'), 'utf8')).taxonomy;

/** Case-, hyphen- and plural-insensitive form of a keyword, as topics merge them. */
function fold(text: string): string {
  return text
    .toLowerCase()
    .split(/[\s\-_/]+/)
    .map((w) => w.replace(/s$/, ''))
    .join(' ');
}

test('ICLR 2018 (OpenReview JSON): topics come from author keywords, merged and capped', { skip: ICLR.skip }, () => {
  const papers = load(ICLR.path);
  assert.ok(papers.length > 900);
  const result = assignTopics(papers, { taxonomy });
  const named = result.topics.filter((t) => t.name !== OTHER_TOPIC);
  assert.ok(named.length >= 20 && named.length <= 70, `${named.length} topics`);
  // The biggest topics are keywords authors gave, merged across spellings and acronyms.
  const biggest = named.slice(0, 12);
  assert.ok(biggest.filter((t) => t.origin === 'metadata').length >= 8, biggest.map((t) => `${t.name} (${t.origin})`).join(', '));
  const names = named.map((t) => t.name);
  // The keyword "Deep Learning" names the field, not a topic in it (text may still group papers under it).
  assert.notEqual(named.find((t) => t.name === 'Deep Learning')?.origin, 'metadata');
  for (const expected of ['Reinforcement Learning', 'Generative Adversarial Networks', 'Recurrent Neural Networks']) {
    assert.ok(names.includes(expected), `${expected} in ${names.join(', ')}`);
  }
  for (const variant of ['GAN', 'GANs', 'RNN', 'deep learning', 'Reinforcement learning']) assert.ok(!names.includes(variant), variant);
  const byId = new Map(result.papers.map((p) => [p.id, p]));
  const gan = named.find((t) => t.name === 'Generative Adversarial Networks')!;
  const withKeyword = gan.paperIds.filter((id) =>
    byId.get(id)!.keywords.some((k) => /^(gans?|generative adversarial networks?)$/i.test(k.trim())),
  );
  assert.ok(withKeyword.length >= 0.8 * gan.paperIds.length, `${withKeyword.length}/${gan.paperIds.length} GAN papers carry the keyword`);
  const other = result.topics.find((t) => t.name === OTHER_TOPIC)?.paperIds.length ?? 0;
  assert.ok(other < 0.1 * papers.length, `${other} papers in Other`);
});

test("arXiv metadata (JSON Lines): topics are the papers' readable categories, capped", { skip: ARXIV.skip }, () => {
  const papers = load(ARXIV.path);
  assert.equal(papers.length, 2000);
  const result = assignTopics(papers, { taxonomy });
  const named = result.topics.filter((t) => t.name !== OTHER_TOPIC);
  assert.ok(named.length >= 20 && named.length <= 70, `${named.length} topics`);
  const byId = new Map(result.papers.map((p) => [p.id, p]));
  // Papers whose categories fall beyond the cap are grouped from their text, so a few topics are discovered.
  const fromMetadata = named.filter((t) => t.origin === 'metadata');
  assert.ok(fromMetadata.length >= 0.6 * named.length, `${fromMetadata.length} of ${named.length} from metadata`);
  for (const topic of fromMetadata) {
    assert.doesNotMatch(topic.name, /^[a-z-]+(\.[A-Za-z-]+)?$/, `"${topic.name}" is a readable name, not a code like astro-ph`);
    const carrying = topic.paperIds.filter((id) => byId.get(id)!.categories.some((c) => fold(c) === fold(topic.name)));
    // A category's name also joins papers whose text uses it, at most as many as carry it (usually far fewer).
    assert.ok(carrying.length >= 0.9 * topic.paperIds.length, `${topic.name}: ${carrying.length}/${topic.paperIds.length}`);
  }
  const other = result.topics.find((t) => t.name === OTHER_TOPIC)?.paperIds.length ?? 0;
  assert.ok(other < 0.1 * papers.length, `${other} papers in Other`);
});

const IRIDIA = sharedCorpus('bibtex_iridia_cc0/articles.bib');

test('IRIDIA articles (BibTeX, keywords hidden): a broad library puts ≥ 15 % of its papers in 2–3 topics', { skip: IRIDIA.skip }, () => {
  // The macros (@string) come first, as the library's own build reads them.
  const files = ['abbrev.bib', 'journals.bib', 'authors.bib', 'articles.bib'].map((f) => join(IRIDIA.path, '..', f));
  const imported = importCorpusFile('articles.bib', Buffer.concat(files.map((f) => readFileSync(f)))).papers;
  const papers = assignIds(imported).papers.map((p) => ({ ...p, keywords: [], categories: [] }));
  assert.ok(papers.length > 1400);
  const result = assignTopics(papers);
  const several = result.papers.filter((p) => p.topics.length >= 2);
  // Mostly titles without abstracts: a second topic comes from the latent space and, a little further out, from a
  // group's leading phrase written in the paper itself.
  assert.ok(several.length >= 0.15 * papers.length, `${several.length} of ${papers.length} papers in 2–3 topics`);
  assert.ok(several.length <= 0.5 * papers.length, `${several.length} of ${papers.length} papers in 2–3 topics`);
  assert.ok(result.papers.every((p) => p.topics.length <= 3));
});
