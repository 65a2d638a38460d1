import type { Topic } from '../model/topic';

/** The bucket for papers that match no topic. Always listed last. */
export const OTHER_TOPIC = 'Other';

/** Most topics a paper is listed under. */
export const MAX_TOPICS_PER_PAPER = 3;

/** A topic a paper could join, with how well it fits (higher is better). */
export interface Candidate {
  /** Index into `TopicRegistry.drafts`. */
  topic: number;
  /** Fit: a phrase score, a discovery similarity, or 10 − rank for metadata topics. */
  score: number;
}

/** A topic being built: its display name and where it came from. */
interface TopicDraft {
  /** Display name, as first registered (later sources with another case share it). */
  name: string;
  /** Metadata, taxonomy or discovery. */
  origin: Topic['origin'];
}

/** Topics by case-insensitive name, so that sources naming the same topic share it. */
export class TopicRegistry {
  readonly drafts: TopicDraft[] = [];
  private readonly byKey = new Map<string, number>();

  /** The index of the topic called `name` (any case), registering it with `origin` when new. */
  get(name: string, origin: Topic['origin']): number {
    const key = name.toLowerCase();
    let index = this.byKey.get(key);
    if (index === undefined) {
      index = this.drafts.length;
      this.byKey.set(key, index);
      this.drafts.push({ name, origin });
    }
    return index;
  }
}
