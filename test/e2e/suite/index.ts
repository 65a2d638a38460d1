import { runMochaSuite } from '../harness/mocha-suite';

/** Entry point VS Code calls inside the extension host (through the workbench URL payload). */
export const run = (): Promise<void> => runMochaSuite(__dirname);
