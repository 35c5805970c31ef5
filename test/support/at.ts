/**
 * `list[index]` for a test that needs the element to be there: the element, or a clear failure
 * naming the index and the length (instead of a TypeError on `undefined` a few lines later).
 * A negative index counts from the end, as with Array.prototype.at.
 */
export function at<T>(list: readonly T[], index: number): T {
  const i = index < 0 ? list.length + index : index;
  if (i < 0 || i >= list.length) {
    throw new Error(`expected an element at index ${index}, but the list has ${list.length}`);
  }
  return list[i] as T; // in range: an element of the list (which may itself be undefined if T allows it)
}
