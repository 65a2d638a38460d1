import assert from 'node:assert/strict';
import { test } from 'node:test';
import { withSessionOptions } from '../../src/node/pg/session-options';

test('a library connection plans with its own settings, and the connection string stays as given', () => {
  const url = 'postgresql://alice@db.lab.example:5433/lectern?sslmode=verify-full';
  assert.deepEqual(withSessionOptions(url), {
    connectionString: url,
    options: '-c random_page_cost=1.1 -c work_mem=16MB -c synchronize_seqscans=off -c jit=off',
  });
});

test("options in the connection string come after the library's, so the lab's own settings win", () => {
  const { connectionString, options } = withSessionOptions(
    'postgresql://alice@db.lab.example/lectern?options=-c%20work_mem%3D64MB&sslmode=require',
  );
  assert.equal(connectionString, 'postgresql://alice@db.lab.example/lectern?sslmode=require');
  assert.equal(options, '-c random_page_cost=1.1 -c work_mem=16MB -c synchronize_seqscans=off -c jit=off -c work_mem=64MB');
});
