import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  databaseSettingProblem,
  MAX_RETRY_MS,
  retriesAutomatically,
  retryDelayMs,
  secretKeyFor,
  stateAfterFault,
  withPassword,
  type ConnectionState,
} from './connection-state';

test('faults move the state: unreachable → offline (retried); refused or missing password, missing or newer schema → wait for the user', () => {
  assert.equal(stateAfterFault('connect', 'connected'), 'offline');
  assert.equal(stateAfterFault('connect', 'connecting'), 'offline');
  assert.equal(stateAfterFault('auth', 'connecting'), 'wrong-password');
  assert.equal(stateAfterFault('no-password', 'connecting'), 'needs-password');
  assert.equal(stateAfterFault('schema-newer', 'connecting'), 'schema-newer');
  assert.equal(stateAfterFault('no-schema', 'connecting'), 'no-schema');
  const retried = (
    ['offline', 'wrong-password', 'needs-password', 'schema-newer', 'no-schema', 'connected', 'off'] as ConnectionState[]
  ).filter(retriesAutomatically);
  assert.deepEqual(retried, ['offline']);
});

test('a query error (a timeout) keeps a connected library connected, and fails a connection attempt as offline', () => {
  assert.equal(stateAfterFault('query', 'connected'), 'connected');
  assert.equal(stateAfterFault('query', 'connecting'), 'offline');
});

test('reconnect delays double from 2 s and stop at 60 s', () => {
  assert.deepEqual([1, 2, 3, 4, 5, 6, 7].map(retryDelayMs), [2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000]);
  assert.equal(retryDelayMs(1_000), MAX_RETRY_MS);
  assert.equal(retryDelayMs(0), 2_000);
});

test('the setting must be a postgresql:// URL with a host and without a password', () => {
  assert.equal(databaseSettingProblem('postgresql://alice@db.lab.example:5432/lectern?sslmode=require'), undefined);
  assert.equal(databaseSettingProblem('postgres://alice@127.0.0.1/lectern'), undefined);
  assert.match(databaseSettingProblem('postgresql://alice:hunter2@db/lectern') ?? '', /holds a password.*Connect to a Shared Library/);
  assert.doesNotMatch(databaseSettingProblem('postgresql://alice:hunter2@db/lectern') ?? '', /hunter2/);
  assert.match(databaseSettingProblem('mysql://alice@db/lectern') ?? '', /^Lectern: .*postgresql:\/\//);
  assert.match(databaseSettingProblem('not a url') ?? '', /^Lectern: .*not a URL/);
});

test('the password goes into the connection string in memory, percent-encoded so the driver reads it back exactly', () => {
  const password = 'p@ss:w/rd%41 é';
  const url = new URL(withPassword('postgresql://alice@db:5432/lectern?sslmode=require', password));
  assert.equal(decodeURIComponent(url.password), password);
  assert.equal(url.username, 'alice');
  assert.equal(url.searchParams.get('sslmode'), 'require');
  assert.equal(withPassword('postgresql://alice@db/lectern', undefined), 'postgresql://alice@db/lectern');
  assert.equal(secretKeyFor('alice@db:5432/lectern'), 'lectern.sharedLibrary.password:alice@db:5432/lectern');
});
