import { runMochaSuite } from '../harness/mocha-suite';

/** Entry point VS Code calls inside the extension host of the multi-root window (workspace/lectern.code-workspace). */
export const run = (): Promise<void> => runMochaSuite(__dirname);
