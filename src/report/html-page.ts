/** The page every HTML report is: an HTML5 document with one inline style sheet, and its building blocks. */
import { escapeMarkup } from "./markup-escape.js";

const STYLE = [
  "body{font-family:system-ui,sans-serif;color:#222;max-width:1100px;margin:1.5rem auto;padding:0 1rem}",
  "h1{font-size:1.3rem}h2{font-size:1.1rem;margin-top:1.8rem}h3{font-size:1rem}",
  "table{border-collapse:collapse;font-size:.9rem;font-variant-numeric:tabular-nums}",
  "th,td{text-align:left;vertical-align:top;padding:.15rem .6rem;border-bottom:1px solid #eee}",
  "caption{text-align:left;font-weight:600;padding:.3rem 0}",
  "th.sub{padding-left:1.6rem;font-weight:normal}",
  "td.t{white-space:nowrap}tr.w td{color:#a34e00}tr.fail td:first-child{color:#c00;font-weight:bold}",
  ".warnings{background:#fff4e5;border-left:4px solid #e69500;padding:.2rem 1rem}",
  "figure{margin:1rem 0}svg{max-width:100%;height:auto}",
].join("");

/** `<name attrs>content</name>`. */
export function el(name: string, content: string, attrs = ""): string {
  return `<${name}${attrs === "" ? "" : ` ${attrs}`}>${content}</${name}>`;
}

/** A table row of escaped cells (`th` or `td`). */
export function row(cells: readonly string[], cell = "td", attrs = ""): string {
  return el("tr", cells.map((c) => el(cell, escapeMarkup(c))).join(""), attrs);
}

/** The whole document: `title` (text, escaped here) and the body's parts (markup), ending with a newline. */
export function htmlPage(title: string, parts: readonly string[]): string {
  const head = [
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    el("title", escapeMarkup(title)),
    el("style", STYLE),
  ].join("\n");
  return `<!DOCTYPE html>\n<html lang="en">\n${el("head", `\n${head}\n`)}\n${el("body", `\n${parts.join("\n")}\n`)}\n</html>\n`;
}
