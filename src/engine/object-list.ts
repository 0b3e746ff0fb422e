/**
 * An empty list for objects, created with V8's elements kind for objects: a `[]` literal starts as a list of small
 * integers and changes kind at its first object. The replay's long-lived lists (pods, timeline rows, events, the
 * scrape's pods) are made this way, so code optimized during one replay meets the same kind of list in the next (a
 * sweep's runs in one process) instead of being deoptimized at each run's first push.
 */
export function objectList<T>(): T[] {
  const list: (T | null)[] = [null];
  list.length = 0;
  return list as T[];
}
