/**
 * Output made piece by piece, so a command can write thousands of sessions without holding
 * them all: each piece is written and dropped before the next is made.
 */

/**
 * `items` as a JSON array, the same bytes as `JSON.stringify(array, null, 2)` would give at
 * nesting `level` (0 for a top-level array; 1 for an array that is a property of the
 * top-level object), one item per piece.
 */
export function* jsonArrayChunks(items: Iterable<unknown>, level = 0): Generator<string> {
  // Each item is stringified inside level + 1 arrays and cut out of them, so JSON.stringify
  // indents it for its depth itself (quicker than indenting every line of it again), and a
  // value JSON cannot hold (undefined, a function) becomes null, as in any array.
  const depths = Array.from({ length: level + 1 }, (_, k) => k);
  const open = depths.map((k) => `[\n${'  '.repeat(k + 1)}`).join('');
  const close = depths.map((k) => `\n${'  '.repeat(level - k)}]`).join('');
  const inner = '  '.repeat(level + 1);
  let count = 0;
  yield '[';
  for (const item of items) {
    const json = JSON.stringify(
      depths.reduce<unknown>((wrapped) => [wrapped], item),
      null,
      2,
    );
    yield `${count > 0 ? ',' : ''}\n${inner}${json.slice(open.length, json.length - close.length)}`;
    count++;
  }
  yield count > 0 ? `\n${'  '.repeat(level)}]` : ']';
}

/** Pieces joined into runs of at least `size` characters (the last may be shorter): fewer, larger writes. */
export function* batchChunks(chunks: Iterable<string>, size = 64 * 1024): Generator<string> {
  let pending = '';
  for (const chunk of chunks) {
    pending += chunk;
    if (pending.length >= size) {
      yield pending;
      pending = '';
    }
  }
  if (pending) yield pending;
}

/** Calls `onItem` as each item passes through (to count what was written while it streams). */
export function* tap<T>(items: Iterable<T>, onItem: (item: T) => void): Generator<T> {
  for (const item of items) {
    onItem(item);
    yield item;
  }
}

/** `fn` of each item, made as the item is reached. */
export function* mapItems<T, U>(items: Iterable<T>, fn: (item: T) => U): Generator<U> {
  for (const item of items) yield fn(item);
}
