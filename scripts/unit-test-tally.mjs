// A Node test reporter for scripts/run-unit-tests.mjs: writes, as one JSON object, the run's counts (the figures of
// the spec reporter's closing summary) and the time each test file's top-level tests took, so the runner can end
// with one line of counts and name the fast suite's files that went over their time budget.
export default async function* unitTestTally(source) {
  const counts = {};
  const secondsByFile = {};
  for await (const event of source) {
    if ((event.type === 'test:pass' || event.type === 'test:fail') && event.data.nesting === 0 && event.data.file) {
      secondsByFile[event.data.file] = (secondsByFile[event.data.file] ?? 0) + (event.data.details?.duration_ms ?? 0) / 1000;
    }
    if (event.type === 'test:diagnostic' && event.data.nesting === 0) {
      const figure = /^(tests|suites|pass|fail|cancelled|skipped|todo|duration_ms) ([\d.]+)$/.exec(event.data.message);
      if (figure) counts[figure[1]] = Number(figure[2]);
    }
  }
  yield `${JSON.stringify({ counts, secondsByFile })}\n`;
}
