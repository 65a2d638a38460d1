import type * as vscode from 'vscode';

const KEY = 'lectern.recentPapers';
const MAX = 20;

/** Recently opened paper ids, newest first, remembered per workspace. */
export class RecentPapers {
  constructor(private readonly memento: vscode.Memento) {}

  list(): string[] {
    return this.memento.get<string[]>(KEY, []);
  }

  async add(id: string): Promise<void> {
    await this.memento.update(KEY, [id, ...this.list().filter((x) => x !== id)].slice(0, MAX));
  }
}
