/**
 * Applies the corpus watcher's file changes one at a time, in order, and drops those a reload has made stale.
 *
 * Each reload reads every corpus file as it is and starts a new watch (`begin`). A change the previous watch
 * reported but the queue has not reached yet (it can trail by many seconds behind the import of a large file)
 * belongs to the old corpus settings: applied to the new library, a file of the old globs would be imported into
 * it (seen in code-server: a workspace switched to one `.bib` still received a 4,500-paper library's files).
 * Vscode-free, so its order and its dropping are tested without VS Code.
 */
export class CorpusChangeQueue<Change> {
  private tail: Promise<void> = Promise.resolve();
  private generation = 0;

  /**
   * @param apply re-reads one changed file (or reloads everything); awaited before the next change.
   * @param onError reports a change that could not be applied; the queue goes on with the next one.
   */
  constructor(
    private readonly apply: (change: Change) => Promise<void>,
    private readonly onError: (change: Change, error: unknown) => void,
  ) {}

  /** A new watch starts: changes queued by earlier watches are dropped. Returns what the new watch reports to. */
  begin(): (change: Change) => void {
    const generation = ++this.generation;
    return (change) => {
      this.tail = this.tail
        .then(() => (generation === this.generation ? this.apply(change) : undefined))
        .catch((error: unknown) => this.onError(change, error));
    };
  }

  /** Runs `task` after every change queued so far (a topics file re-read keeps its place among file updates). */
  run(task: () => Promise<void>, onError: (error: unknown) => void): Promise<void> {
    this.tail = this.tail.then(task).catch(onError);
    return this.tail;
  }
}
