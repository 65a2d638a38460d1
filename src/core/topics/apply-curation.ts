import * as l10n from '@vscode/l10n';
import type { Diagnostic, DiagnosticSeverity } from '../model/diagnostic';
import type { Paper } from '../model/paper';
import type { Topic } from '../model/topic';
import type { CurationStep, PaperRef, StepPosition } from './curation-steps';
import { papersWithPhrase } from './papers-with-phrase';
import { compareStrings } from './text-terms';
import { OTHER_TOPIC } from './topic-registry';

/** Papers with their topics and the topics they form, as `assignTopics` returns them. */
export interface TopicAssignment {
  papers: Paper[];
  topics: Topic[];
}

/**
 * Applies the user's curation of the topic tree (`.lectern/topics.json` → `"curation"`, see
 * `readCuration`) to an assignment, whatever discovery produced, step by step in file order:
 *
 * - `rename` A to B: A's papers are in B instead (B already a topic: they join it);
 * - `merge` [A, B] into C: their papers are in C, A and B are gone;
 * - `split` A into B by `phrase` (A's papers whose title or abstract has it, matched as topics match
 *   phrases) or by `papers` (those papers): they leave A for B; papers pinned to A stay;
 * - `move` a paper from A to B: it leaves A (if there) and joins B;
 * - `pin` a paper to B: it joins B and no later split by phrase takes it out;
 * - `hide` A: A is gone; its papers keep their other topics, or go to Other.
 *
 * A step naming a topic the tree no longer has changes nothing (an `info` diagnostic says so); an
 * unknown paper is a `warning` at its position. Topics keep the order of `assignTopics`: by size,
 * then name, "Other" last; a topic's papers follow corpus order. A paper's topics keep their order,
 * a renamed or merged topic in place of the old one. Topics made by curation have origin `curated`.
 */
export function applyCuration(assigned: TopicAssignment, steps: readonly CurationStep[]): TopicAssignment & { diagnostics: Diagnostic[] } {
  if (steps.length === 0) return { ...assigned, diagnostics: [] };
  const tree = new CuratedTree(assigned);
  for (const step of steps) tree.apply(step);
  return { ...tree.result(), diagnostics: tree.diagnostics };
}

/** The tree while steps apply: each paper's topic names, each name's origin, pins. */
class CuratedTree {
  readonly diagnostics: Diagnostic[] = [];
  private readonly topicsOf = new Map<string, string[]>();
  private readonly origins = new Map<string, Topic['origin']>();
  /** Paper id → the topics it is pinned to. */
  private readonly pins = new Map<string, Set<string>>();
  private readonly byCiteKey = new Map<string, string>();
  private readonly byId = new Map<string, Paper>();
  /** Topic name → the ids of its papers now (a topic without papers has no entry): a step costs the size of its topics, not of the corpus. */
  private readonly members = new Map<string, Set<string>>();

  constructor(private readonly assigned: TopicAssignment) {
    for (const topic of assigned.topics) this.origins.set(topic.name, topic.origin);
    for (const paper of assigned.papers) {
      this.byId.set(paper.id, paper);
      const names = paper.topics.filter((name) => name !== OTHER_TOPIC);
      this.topicsOf.set(paper.id, names);
      for (const name of names) {
        const ids = this.members.get(name);
        if (ids) ids.add(paper.id);
        else this.members.set(name, new Set([paper.id]));
      }
      if (paper.citeKey && !this.byCiteKey.has(paper.citeKey)) this.byCiteKey.set(paper.citeKey, paper.id);
    }
  }

  apply(step: CurationStep): void {
    switch (step.kind) {
      case 'rename':
        return this.withTopic(step, step.topic, (from) => this.rename(step, from, step.to));
      case 'merge': {
        const sources = step.topics.map((name) => this.topic(name));
        const missing = step.topics.filter((_, i) => !sources[i]);
        if (missing.length > 0)
          this.report(
            step,
            step.at,
            'info',
            missing.length > 1
              ? l10n.t('{0} are not in the topic tree now; the rest merge.', quoteList(missing))
              : l10n.t('{0} is not in the topic tree now; the rest merge.', quoteList(missing)),
          );
        const into = this.topic(step.into) ?? step.into;
        this.adopt(into, sources.find(Boolean));
        for (const source of sources) if (source && source !== into) this.replace(source, into);
        return;
      }
      case 'split':
        return this.withTopic(step, step.topic, (from) => this.split(step, from));
      case 'move':
        return this.withPaper(step, step.paper, (id) => {
          const into = this.target(step.to);
          const from = step.from && this.topic(step.from);
          this.pins.get(id)?.delete(from || '');
          this.place(id, from || undefined, into);
        });
      case 'pin':
        return this.withPaper(step, step.paper, (id) => {
          const into = this.target(step.to);
          this.place(id, undefined, into);
          const pins = this.pins.get(id) ?? new Set<string>();
          this.pins.set(id, pins.add(into));
        });
      case 'hide':
        return this.withTopic(step, step.topic, (topic) => this.hide(topic));
    }
  }

  /** The topics and papers after every step. */
  result(): TopicAssignment {
    const members = new Map<string, string[]>();
    const other: string[] = [];
    const papers = this.assigned.papers.map((paper) => {
      const names = this.topicsOf.get(paper.id) ?? [];
      for (const name of names) {
        const list = members.get(name);
        if (list) list.push(paper.id);
        else members.set(name, [paper.id]);
      }
      if (names.length === 0) other.push(paper.id);
      const topics = names.length > 0 ? names : [OTHER_TOPIC];
      return sameList(topics, paper.topics) ? paper : { ...paper, topics };
    });
    const topics: Topic[] = [...members]
      .map(([name, paperIds]) => {
        const pinnedIds = paperIds.filter((id) => this.pins.get(id)?.has(name));
        return { name, paperIds, origin: this.origins.get(name) ?? ('curated' as const), ...(pinnedIds.length > 0 ? { pinnedIds } : {}) };
      })
      .sort((a, b) => b.paperIds.length - a.paperIds.length || compareStrings(a.name, b.name));
    if (other.length > 0) topics.push({ name: OTHER_TOPIC, paperIds: other, origin: 'other' });
    return { papers, topics };
  }

  private rename(step: CurationStep, from: string, to: string): void {
    const existing = this.topic(to);
    if (existing && existing !== from)
      this.report(
        step,
        step.at,
        'warning',
        l10n.t(
          '"{0}" is already a topic, so "{1}"\'s papers join it; say {2} to make that plain.',
          existing,
          from,
          `{ "merge": [...], "into": "${existing}" }`,
        ),
      );
    const into = existing ?? to;
    this.adopt(into, from);
    this.replace(from, into);
  }

  private split(step: Extract<CurationStep, { kind: 'split' }>, from: string): void {
    const into = this.target(step.into);
    this.adopt(into, from);
    if (step.phrase !== undefined) {
      for (const id of this.withPhrase(from, step.phrase)) this.place(id, from, into);
      return;
    }
    for (const ref of step.papers ?? []) this.withPaper(step, ref, (id) => this.place(id, from, into));
  }

  /** The papers of `topic` (not pinned to it) whose title or abstract has `phrase`, read as topics read phrases. */
  private withPhrase(topic: string, phrase: string): string[] {
    const candidates = [...(this.members.get(topic) ?? [])].filter((id) => !this.pins.get(id)?.has(topic)).map((id) => this.byId.get(id)!);
    return phraseMemo.papersWith(candidates, phrase);
  }

  private hide(topic: string): void {
    for (const id of [...(this.members.get(topic) ?? [])]) {
      this.setTopics(
        id,
        this.topicsOf.get(id)!.filter((name) => name !== topic),
      );
      this.pins.get(id)?.delete(topic);
    }
  }

  /** Every paper in `from` is in `into` instead, in the same place among its topics. */
  private replace(from: string, into: string): void {
    for (const id of [...(this.members.get(from) ?? [])]) this.setTopics(id, swap(this.topicsOf.get(id)!, from, into));
    for (const pins of this.pins.values()) if (pins.delete(from)) pins.add(into);
  }

  /** One paper leaves `from` (when given and there) for `into`, or joins `into`. */
  private place(id: string, from: string | undefined, into: string): void {
    const names = this.topicsOf.get(id) ?? [];
    this.setTopics(id, from && names.includes(from) ? swap(names, from, into) : names.includes(into) ? names : [...names, into]);
  }

  /** A paper's topics are `next` now; `members` follows. */
  private setTopics(id: string, next: string[]): void {
    const previous = this.topicsOf.get(id) ?? [];
    for (const name of previous) {
      if (next.includes(name)) continue;
      const ids = this.members.get(name);
      ids?.delete(id);
      if (ids?.size === 0) this.members.delete(name);
    }
    for (const name of next) {
      if (previous.includes(name)) continue;
      const ids = this.members.get(name);
      if (ids) ids.add(id);
      else this.members.set(name, new Set([id]));
    }
    this.topicsOf.set(id, next);
  }

  /** `name` keeps its origin; a new name takes `from`'s (a renamed topic stays metadata, taxonomy or discovered). */
  private adopt(name: string, from: string | undefined): void {
    if (!this.origins.has(name) && from) this.origins.set(name, this.origins.get(from) ?? 'curated');
  }

  /** The tree's topic called `name` (in any case), if it has papers now. */
  private topic(name: string): string | undefined {
    if (this.members.has(name)) return name;
    const lower = name.toLowerCase();
    for (const known of this.members.keys()) if (known.toLowerCase() === lower) return known;
    return undefined;
  }

  /** A step's target: the tree's topic of that name (any case), else the name as written. */
  private target(name: string): string {
    return this.topic(name) ?? name;
  }

  private withTopic(step: CurationStep, name: string, act: (topic: string) => void): void {
    const topic = this.topic(name);
    if (topic) act(topic);
    else
      this.report(
        step,
        step.at,
        'info',
        l10n.t('there is no topic "{0}" in the tree now, so this "{1}" step changes nothing.', name, step.kind),
      );
  }

  private withPaper(step: CurationStep, ref: PaperRef, act: (id: string) => void): void {
    const id = this.topicsOf.has(ref.id) ? ref.id : this.byCiteKey.get(ref.id);
    if (id) act(id);
    else
      this.report(
        step,
        ref.at,
        'warning',
        l10n.t(
          'no paper has the id or citekey "{0}"; this "{1}" step skips it. Check the id (Copy Citation shows it) or remove it.',
          ref.id,
          step.kind,
        ),
      );
  }

  private report(step: CurationStep, at: StepPosition, severity: DiagnosticSeverity, message: string): void {
    const { line, column } = at;
    this.diagnostics.push({
      file: step.file,
      line,
      column,
      severity,
      message: l10n.t('Lectern: {0}:{1}:{2}: {3}', step.file, line, column, message),
    });
  }
}

function swap(names: string[], from: string, into: string): string[] {
  const result: string[] = [];
  for (const name of names) {
    const next = name === from ? into : name;
    if (!result.includes(next)) result.push(next);
  }
  return result;
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((item, i) => item === b[i]);
}

function quoteList(names: string[]): string {
  return names.map((name) => `"${name}"`).join(', ');
}

/**
 * What a split by phrase found, per phrase and paper, with the texts it read: the corpus is built
 * again on every file change, and a paper whose title and abstract are unchanged (the same strings,
 * usually the same objects) is not read again. Keeps the phrases of the last few builds.
 */
class PhraseMemo {
  private readonly byPhrase = new Map<string, Map<string, { title: string; abstract: string; has: boolean }>>();

  constructor(private readonly maxPhrases: number) {}

  papersWith(papers: readonly Paper[], phrase: string): string[] {
    const known = this.byPhrase.get(phrase) ?? new Map<string, { title: string; abstract: string; has: boolean }>();
    this.byPhrase.delete(phrase); // re-inserted last: the most recently used
    this.byPhrase.set(phrase, known);
    for (const stale of [...this.byPhrase.keys()].slice(0, Math.max(0, this.byPhrase.size - this.maxPhrases))) this.byPhrase.delete(stale);
    const unread = papers.filter((paper) => {
      const entry = known.get(paper.id);
      return !entry || entry.title !== paper.title || entry.abstract !== paper.abstract;
    });
    const found = new Set(papersWithPhrase(unread, phrase));
    for (const paper of unread) known.set(paper.id, { title: paper.title, abstract: paper.abstract, has: found.has(paper) });
    return papers.filter((paper) => known.get(paper.id)!.has).map((paper) => paper.id);
  }
}

const phraseMemo = new PhraseMemo(32);
