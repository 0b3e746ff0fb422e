/**
 * Texts built the same way every sync (metric descriptions, condition messages) as one string object per distinct
 * text: the status compare of the next sync then meets the very same string and compares by pointer, where a
 * fresh template string would be flattened and compared character by character.
 */

const MAX_TEXTS = 256;

/** `make(key)`, built once per key and cache (bounded). `make` should not capture (no closure per call). */
export function stableText(cache: Map<string, string>, key: string, make: (key: string) => string): string {
  let text = cache.get(key);
  if (text === undefined) {
    if (cache.size >= MAX_TEXTS) cache.clear();
    text = make(key);
    cache.set(key, text);
  }
  return text;
}
