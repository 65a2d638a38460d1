import * as vscode from 'vscode';
import type { IndexCacheStore } from '../../core/library/index-cache-store';

/** The extension's storage folder as an `IndexCacheStore` (one file per key). */
export class VscodeCacheStore implements IndexCacheStore {
  constructor(private readonly folder: vscode.Uri) {}

  async get(key: string): Promise<string | undefined> {
    try {
      return new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(this.folder, key)));
    } catch {
      return undefined;
    }
  }

  async put(key: string, text: string): Promise<void> {
    await this.putBytes(key, new TextEncoder().encode(text));
  }

  async getBytes(key: string): Promise<Uint8Array | undefined> {
    try {
      return await vscode.workspace.fs.readFile(vscode.Uri.joinPath(this.folder, key));
    } catch {
      return undefined;
    }
  }

  async putBytes(key: string, bytes: Uint8Array): Promise<void> {
    await vscode.workspace.fs.createDirectory(this.folder);
    await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(this.folder, key), bytes);
  }
}
