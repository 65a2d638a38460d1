import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { BackendSearchOptions } from '../../../core/library/library-backend';
import type { SearchResponse } from '../../../core/search/paper-search';
import { sharedPickSource } from './shared-palette';

test('the palette asks the shared library to count no further than the rows it shows (it shows no count)', async () => {
  const asked: BackendSearchOptions[] = [];
  const none: SearchResponse = { query: 'attention', total: 0, totalIsLowerBound: false, results: [] };
  const source = sharedPickSource(
    {
      state: 'connected',
      label: 'Lab',
      search: (_query, options) => {
        asked.push(options);
        return Promise.resolve(none);
      },
    },
    () => [],
    () => undefined,
  );
  await source.rows({ paper: () => undefined }, 'attention', none, 30);
  assert.equal(asked.length, 1);
  assert.equal(asked[0].limit, 30);
  assert.equal(asked[0].exactTotalUpTo, 30);
});
