import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'mocha';
import * as vscode from 'vscode';
import type { PaperTreeNode } from '../../../src/vscode/features/tree/paper-tree-provider';
import type { ExtraPickSource } from '../../../src/vscode/features/shared/paper-picker';
import { postgresSkipReason } from '../../support/postgres-cluster';
import {
  LAB_PASSWORD,
  openSharedLibraryFixture,
  SHARED_PAPERS,
  SHARED_TITLE,
  type SharedLibraryFixture,
} from '../../support/shared-library-fixture';
import { eventually, fileExists, lectern, readText } from './lectern-api';

/** Lectern's settings in the user's settings (where Connect writes the connection string). */
const userSetting = (key: string, value: unknown) =>
  vscode.workspace.getConfiguration('lectern').update(key, value, vscode.ConfigurationTarget.Global);

describe('A shared PostgreSQL library beside the workspace (a real server)', () => {
  let fixture: SharedLibraryFixture | undefined;
  const rejections: unknown[] = [];
  const onRejection = (reason: unknown) => rejections.push(reason);

  before(async function () {
    this.timeout(120_000);
    if (postgresSkipReason()) this.skip(); // under CI=true a missing server throws instead of skipping
    process.on('unhandledRejection', onRejection);
    fixture = await openSharedLibraryFixture();
    await userSetting('tree.pageSize', 20);
  });

  after(async function () {
    this.timeout(60_000);
    process.removeListener('unhandledRejection', onRejection);
    if (!fixture) return;
    const { services } = await lectern();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await userSetting('library.database', undefined);
    await userSetting('tree.pageSize', undefined);
    await services.shared.disconnect();
    await fixture.close();
  });

  it('asks for the password, refuses a wrong one, connects with the right one and keeps it in SecretStorage only', async function () {
    this.timeout(60_000);
    const { services } = await lectern();
    const { shared } = services;
    await userSetting('library.database', fixture!.url);
    await eventually('the server asking for a password', () => shared.state === 'needs-password', 20_000);
    assert.match(
      shared.lastProblem ?? '',
      /^Lectern: lab@127\.0\.0\.1:\d+\/lectern asks for a password\. Run Lectern: Connect to a Shared Library…/,
    );

    assert.equal(await vscode.commands.executeCommand('lectern.connectSharedLibrary', { password: 'not-the-password' }), false);
    assert.equal(shared.state, 'wrong-password');
    assert.match(shared.lastProblem ?? '', /refused the user name or password/);
    assert.doesNotMatch(shared.lastProblem ?? '', /not-the-password/);

    assert.equal(await vscode.commands.executeCommand('lectern.connectSharedLibrary', { password: LAB_PASSWORD }), true);
    assert.equal(shared.state, 'connected');
    // The setting still has no password; the password came back from SecretStorage on a fresh connection.
    assert.equal(vscode.workspace.getConfiguration('lectern').get('library.database'), fixture!.url);
    await shared.disconnect();
    assert.equal(shared.state, 'off');
    await shared.connect();
    assert.equal(shared.state, 'connected');
  });

  it('the Papers tree has a root for the shared library: its topics with counts, and papers a page at a time', async function () {
    this.timeout(60_000);
    const { services } = await lectern();
    const tree = services.paperTree;
    const roots = await tree.getChildren();
    const root = roots.find((node) => node.kind === 'extra')!;
    assert.ok(root, 'a shared-library root');
    assert.ok(
      roots.some((node) => node.kind === 'group'),
      "the workspace's own topics stay beside it",
    );
    assert.match(tree.getTreeItem(root).label as string, /^Shared library: lab@127\.0\.0\.1:\d+\/lectern$/);
    const rows = async (node: PaperTreeNode) =>
      (await tree.getChildren(node)).map((child) => ({ node: child, item: tree.getTreeItem(child) }));
    const topics = await rows(root);
    assert.deepEqual(
      topics.map(({ item }) => [item.label, item.description]),
      [
        ['Burrow Acoustics', '23'],
        ['Glacier Sediment', '22'],
        ['All papers', `${SHARED_PAPERS}`],
      ],
    );
    const all = topics[2].node;
    let page = await rows(all);
    assert.equal(page.length, 21, 'one page of 20 papers and the Load more row');
    assert.equal(page[20].item.label, 'Load more…');
    assert.equal(page[20].item.description, `${SHARED_PAPERS - 20} not shown`);
    assert.deepEqual(page[20].item.command?.arguments, ['shared/all']);
    await vscode.commands.executeCommand('lectern.showMoreSharedPapers', 'shared/all');
    page = await rows(all);
    assert.equal(page.length, 41);
    assert.equal(page[40].item.description, `${SHARED_PAPERS - 40} not shown`);
    // A topic's papers come newest first: the wombat paper (2010) is on its second page.
    let burrow = await rows(topics[0].node);
    assert.equal(burrow.length, 21);
    assert.ok(!burrow.some(({ item }) => item.label === SHARED_TITLE));
    assert.equal(burrow[20].item.description, '3 not shown');
    await vscode.commands.executeCommand('lectern.showMoreSharedPapers', burrow[20].item.command?.arguments?.[0]);
    burrow = await rows(topics[0].node);
    assert.equal(burrow.length, 23, 'the whole topic, without a Load more row');
    assert.ok(burrow.some(({ item }) => item.label === SHARED_TITLE));
  });

  it('opens a shared paper in the reader, with related papers, and its note lands in the workspace', async function () {
    this.timeout(60_000);
    const { services } = await lectern();
    const { shared, readers } = services;
    const found = await shared.search('wombat', { limit: 5 });
    const hit = found?.results.find((candidate) => candidate.title === SHARED_TITLE);
    assert.ok(hit, 'the shared search finds the wombat paper');
    assert.equal((await services.library.ensureLoaded()).paper(hit.id), undefined, 'the workspace does not have it');
    await vscode.commands.executeCommand('lectern.openPaper', hit.id, { query: 'wombat' });
    await eventually('the reader showing the shared paper', () => readers.activePaperId() === hit.id);
    await eventually('a reader tab titled with the paper', () =>
      vscode.window.tabGroups.all.some((group) => group.tabs.some((tab) => tab.label.startsWith('Wombat Burrow Acoustics'))),
    );
    assert.deepEqual(
      (await shared.related(hit.id)).map((paper) => paper.title),
      ['Burrow acoustics study 2: acoustics measurements'],
    );

    await vscode.commands.executeCommand('lectern.openNote', hit.id);
    const note = await eventually('the note open in an editor', () => {
      const uri = vscode.window.activeTextEditor?.document.uri;
      return uri?.path.endsWith('.md') ? uri : undefined;
    });
    const folder = vscode.workspace.workspaceFolders![0].uri;
    assert.ok(note.path.startsWith(`${folder.path}/papers/notes/`), note.path);
    assert.ok(await fileExists(note));
    const text = await readText(note);
    assert.match(text, new RegExp(`paper: ${hit.id}`));
    assert.match(text, /Wombat Burrow Acoustics/);

    // tag: finds it in the shared library through the workspace note's tags (the palette's source, as wired).
    await services.notes.setTags(hit.id, ['lab-reading']);
    const extra = (services.picker as unknown as { deps: { extra: ExtraPickSource } }).deps.extra;
    const library = await services.library.ensureLoaded();
    const empty = { query: 'tag:lab-reading', total: 0, totalIsLowerBound: false, results: [] };
    const tagged = await eventually('tag: rows', () => extra.rows(library, 'tag:lab-reading', empty, 10));
    assert.deepEqual(
      tagged.map((row) => [row.paperId, row.description?.split(' · ')[0]]),
      [[hit.id, 'shared']],
    );
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await vscode.workspace.fs.delete(note);
  });

  it('a server that goes down: offline, the workspace still searches, and it reconnects by itself once the server is back', async function () {
    this.timeout(90_000);
    const { services, library } = await lectern();
    const { shared } = services;
    assert.equal(shared.state, 'connected');
    fixture!.cluster.pause();
    await shared.check();
    assert.equal(shared.state, 'offline');
    assert.match(shared.lastProblem ?? '', /^Lectern: cannot reach .*Check that the server is running/);
    assert.doesNotMatch(shared.lastProblem ?? '', new RegExp(LAB_PASSWORD.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
    const local = await library.search('spiking neuromorphic', { limit: 5 });
    assert.ok(
      local?.results.some((hit) => hit.title.startsWith('Energy Bounds for Spiking')),
      'local search works offline',
    );
    assert.equal(await shared.search('wombat', { limit: 5 }), undefined);
    const roots = await services.paperTree.getChildren();
    const root = roots.find((node) => node.kind === 'extra')!;
    const offlineRows = await services.paperTree.getChildren(root);
    assert.match(services.paperTree.getTreeItem(offlineRows[0]).label as string, /cannot be read now/);
    fixture!.cluster.resume();
    await eventually('reconnected with backoff', () => shared.state === 'connected', 45_000);
    assert.ok((await shared.search('wombat', { limit: 5 }))?.results.length);
  });

  it('a server down at start is offline, then connected when it comes up; a newer schema says to update Lectern', async function () {
    this.timeout(90_000);
    const { services } = await lectern();
    const { shared } = services;
    fixture!.cluster.pause();
    await shared.connect();
    assert.equal(shared.state, 'offline');
    fixture!.cluster.resume();
    await eventually('reconnected', () => shared.state === 'connected', 45_000);

    await fixture!.sql('INSERT INTO lectern_schema (version) VALUES (99)');
    await shared.connect();
    assert.equal(shared.state, 'schema-newer');
    assert.match(shared.lastProblem ?? '', /version 99, newer than this Lectern understands.*Update Lectern/);
    await fixture!.sql('DELETE FROM lectern_schema WHERE version = 99');
    await shared.connect();
    assert.equal(shared.state, 'connected');
  });

  it('Forget the Password removes it: the next connection asks for one; no promise was left unhandled', async function () {
    this.timeout(30_000);
    const { services } = await lectern();
    await vscode.commands.executeCommand('lectern.forgetSharedLibraryPassword');
    assert.equal(services.shared.state, 'off');
    await services.shared.connect();
    assert.equal(services.shared.state, 'needs-password');
    assert.deepEqual(rejections.map(String), []);
  });
});
