import { formatMilli } from "../units/quantity.js";

/** Plain-text tables aligned the way `kubectl describe` prints them. */

/**
 * Renders rows under a header, columns padded to the widest cell and separated by two spaces.
 * The last column is never padded (no trailing spaces).
 */
export function renderTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  indent = "  ",
): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: readonly string[]) =>
    indent +
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] ?? 0)))
      .join("  ")
      .trimEnd();
  const dashes = header.map((h) => "-".repeat(h.length));
  return [line(header), line(dashes), ...rows.map(line)].join("\n");
}

/**
 * JSON.stringify with exact milli-unit amounts (bigints internally) written as Kubernetes quantity strings
 * (`1500n` milli -> `"1500m"`, `2000n` -> `"2"`).
 */
export function toJson(value: unknown, space = 2): string {
  return JSON.stringify(value, (_k, v) => (typeof v === "bigint" ? formatMilli(v) : v), space);
}
