/**
 * Writing a large JSON document in pieces: its big arrays (a replay's timeline rows) are converted and written a
 * batch of items at a time, so neither every item's object nor the whole text is held at once (a per-second
 * timeline of a few days would pass V8's maximum string length, about 512 MiB). The pieces joined are exactly
 * `JSON.stringify(doc, null, space)` of the document with the arrays in place.
 */

/** An array in the document, written item by item: its length and the JSON value of each item. */
export interface LazyArray {
  readonly length: number;
  readonly valueAt: (i: number) => unknown;
}

/** The placeholder of the `i`-th lazy array: a string value no JSON text of the document holds otherwise. */
export function lazyArrayMarker(i: number): string {
  return `\u0000kube-whatif lazy array ${i}\u0000`;
}

/**
 * The JSON text of `doc` in pieces, each lazy array written where its marker ({@link lazyArrayMarker}) is the
 * value, `batch` items per piece; `space` (at least 1) indents as JSON.stringify does. Throws when a marker is
 * not found exactly once.
 */
export function* jsonChunks(
  doc: unknown,
  lazy: readonly LazyArray[],
  space = 2,
  batch = 1000,
): Generator<string> {
  const text = JSON.stringify(doc, null, space);
  const at = lazy.map((_, i) => {
    const token = JSON.stringify(lazyArrayMarker(i));
    const p = text.indexOf(token);
    if (p < 0 || text.indexOf(token, p + 1) >= 0)
      throw new Error(`lazy array ${i}: its marker is not in the document once`);
    return { p, end: p + token.length, array: lazy[i] as LazyArray };
  });
  at.sort((a, b) => a.p - b.p);
  let from = 0;
  for (const { p, end, array } of at) {
    yield text.slice(from, p);
    from = end;
    if (array.length === 0) {
      yield "[]";
      continue;
    }
    const lineStart = text.lastIndexOf("\n", p) + 1;
    const depth = (/^ */.exec(text.slice(lineStart, p))?.[0].length ?? 0) / space + 1;
    let first = true;
    for (let i = 0; i < array.length; i += batch) {
      const values: unknown[] = [];
      for (let j = i; j < Math.min(i + batch, array.length); j++) values.push(array.valueAt(j));
      yield `${first ? "[\n" : ",\n"}${itemsText(values, depth, space)}`;
      first = false;
    }
    yield `\n${" ".repeat((depth - 1) * space)}]`;
  }
  yield text.slice(from);
}

/**
 * The items of an array whose items sit at `depth`, as JSON.stringify indents them there: from the first item's
 * indentation to the end of the last item. Stringified nested in depth - 1 arrays (indented by JSON.stringify
 * itself, no re-indenting pass), then the wrappers' brackets cut off.
 */
function itemsText(values: unknown[], depth: number, space: number): string {
  let wrapped: unknown = values;
  for (let d = 1; d < depth; d++) wrapped = [wrapped];
  const text = JSON.stringify(wrapped, null, space);
  // each level j < depth opens with (j * space spaces) "[\n" and closes with "\n" (j * space spaces) "]"
  let cut = 0;
  for (let j = 0; j < depth; j++) cut += j * space + 2;
  return text.slice(cut, text.length - cut);
}
