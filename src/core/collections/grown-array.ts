/** A typed array grown as it fills (the index's per-document and term tables, its word cache; topics' term lists and word streams). */
type GrowableArray = Int32Array | Uint32Array | Uint16Array | Uint8Array | Int16Array | Float64Array;

/** `array`, or a copy with room for at least `size` values (capacity doubles, so appends cost amortised O(1)). */
export function grown<T extends GrowableArray>(array: T, size: number): T {
  if (array.length >= size) return array;
  let capacity = Math.max(16, array.length);
  while (capacity < size) capacity *= 2;
  const next = new (array.constructor as new (n: number) => T)(capacity);
  next.set(array);
  return next;
}
