/** Reading the HTML reports in tests: tag balance and table rows. */

const VOID = new Set(["meta", "br", "hr", "img", "input", "link"]);

/** The tags left open or closed out of order (empty when balanced); `<x/>` and void elements close themselves. */
export function unbalanced(html: string): string[] {
  const stack: string[] = [];
  const bad: string[] = [];
  for (const m of html.matchAll(/<(\/?)([a-zA-Z][a-zA-Z0-9]*)\b[^>]*?(\/?)>/g)) {
    const [, close, name = "", self] = m;
    if (self === "/" || VOID.has(name)) continue;
    if (close === "") stack.push(name);
    else if (stack.pop() !== name) bad.push(`</${name}> at ${m.index}`);
  }
  return [...bad, ...stack.map((n) => `<${n}> never closed`)];
}

/** The rows of the table with class `cls`. */
export function tableRows(html: string, cls: string): string[] {
  const table = new RegExp(`<table class="${cls}">(.*?)</table>`, "s").exec(html)?.[1] ?? "";
  const body = /<tbody>(.*?)<\/tbody>/s.exec(table)?.[1] ?? "";
  return [...body.matchAll(/<tr[^>]*>(.*?)<\/tr>/gs)].map((m) => m[1] ?? "");
}
