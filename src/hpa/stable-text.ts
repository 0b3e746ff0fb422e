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

const utilizationTexts = new Map<string, string>();
const utilizationText = (resource: string) => `${resource} resource utilization (percentage of request)`;
const containerUtilizationTexts = new Map<string, string>();
const containerUtilizationText = (resource: string) =>
  `${resource} container resource utilization (percentage of request)`;

/** Upstream's description of a Resource / ContainerResource utilization metric, e.g. `cpu resource utilization (percentage of request)`. */
export function utilizationDescription(resource: string, container: boolean): string {
  return container
    ? stableText(containerUtilizationTexts, resource, containerUtilizationText)
    : stableText(utilizationTexts, resource, utilizationText);
}
