import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mergeClosestGroups } from './spherical-kmeans';
import type { LatentSpace } from './lsa-embedding';

/** Unit vectors in the plane at the given angles (degrees), as a two-dimensional latent space. */
function plane(angles: number[]): LatentSpace {
  const coordinates = new Float64Array(angles.length * 2);
  angles.forEach((a, d) => {
    coordinates[d * 2] = Math.cos((a * Math.PI) / 180);
    coordinates[d * 2 + 1] = Math.sin((a * Math.PI) / 180);
  });
  return { coordinates, dims: 2 };
}

test('merging joins the groups whose union loses least total cosine, and numbers the survivors from 0', () => {
  // Groups 0 and 2 lie at 0° and 10°, groups 1 and 3 at 90° and 100°; group 4 is empty.
  const space = plane([0, 1, 90, 91, 10, 11, 100, 101]);
  const assignment = Int32Array.from([0, 0, 1, 1, 2, 2, 3, 3]);
  const order = Int32Array.from(assignment.keys());
  mergeClosestGroups(space, order, assignment, 5, 2);
  assert.deepEqual([...assignment], [0, 0, 1, 1, 0, 0, 1, 1]);
});

test('a paper without coordinates keeps no group, and nothing merges when there are no more groups than wanted', () => {
  const space = plane([0, 90, 45]);
  space.coordinates.fill(0, 4);
  const assignment = Int32Array.from([0, 1, -1]);
  mergeClosestGroups(space, Int32Array.from([0, 1, 2]), assignment, 2, 2);
  assert.deepEqual([...assignment], [0, 1, -1]);
});

test('a small group joins the neighbour it costs least to absorb, not the farther large one', () => {
  // A large group at 0°, a large one at 60°, and two papers at 20°: they join the group at 0°.
  const space = plane([0, 1, -1, 2, 60, 61, 59, 62, 20, 21]);
  const assignment = Int32Array.from([0, 0, 0, 0, 1, 1, 1, 1, 2, 2]);
  mergeClosestGroups(space, Int32Array.from(assignment.keys()), assignment, 3, 2);
  assert.deepEqual([...assignment], [0, 0, 0, 0, 1, 1, 1, 1, 0, 0]);
});
