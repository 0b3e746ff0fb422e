/**
 * Label selectors: the string form of `scale.status.selector` (mirrors apimachinery labels.Parse) and
 * Go's `%+v` rendering of a metric's `*metav1.LabelSelector` (used in upstream's metric descriptions).
 */
import type { LabelSelector } from "./api-types.js";

type Operator = "=" | "!=" | "in" | "notin" | "exists" | "!" | "gt" | "lt";

export interface Requirement {
  readonly key: string;
  readonly op: Operator;
  readonly values: readonly string[];
}

/** A parsed selector: all requirements must hold. An empty list selects everything. */
export interface Selector {
  readonly requirements: readonly Requirement[];
}

export class SelectorParseError extends Error {}

const TOKEN_RE = /\s*(!=|==|=|!|,|\(|\)|>|<|[^\s!=,()<>]+)/y;
const VALUE_RE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const KEY_RE =
  /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;

function tokenize(s: string): string[] {
  const out: string[] = [];
  TOKEN_RE.lastIndex = 0;
  let pos = 0;
  while (pos < s.length) {
    if (/^\s*$/.test(s.slice(pos))) break;
    TOKEN_RE.lastIndex = pos;
    const m = TOKEN_RE.exec(s);
    if (!m) throw new SelectorParseError(`couldn't parse the selector string "${s}"`);
    out.push(m[1] as string);
    pos = TOKEN_RE.lastIndex;
  }
  return out;
}

/** Parsed selectors by their text (a sync parses the same status.selector every 15 s). Bounded; errors are not kept. */
const parsedSelectors = new Map<string, Selector>();
const MAX_PARSED_SELECTORS = 256;

/** Parses a selector string such as `app=web,tier!=db,env in (a,b),!legacy` (mirrors labels.Parse). */
export function parseSelector(s: string): Selector {
  const known = parsedSelectors.get(s);
  if (known !== undefined) return known;
  const parsed = parseSelectorText(s);
  if (parsedSelectors.size >= MAX_PARSED_SELECTORS) parsedSelectors.clear();
  parsedSelectors.set(s, parsed);
  return parsed;
}

/** Keeps the pods whose labels the selector matches; pods sharing one labels object are matched once. */
export function filterBySelector<P extends { readonly labels: Readonly<Record<string, string>> }>(
  sel: Selector,
  pods: readonly P[],
): P[] {
  const out: P[] = [];
  let lastLabels: Readonly<Record<string, string>> | null = null;
  let lastMatch = false;
  for (const p of pods) {
    if (p.labels !== lastLabels) {
      lastLabels = p.labels;
      lastMatch = selectorMatches(sel, p.labels);
    }
    if (lastMatch) out.push(p);
  }
  return out;
}

function parseSelectorText(s: string): Selector {
  const tokens = tokenize(s);
  const reqs: Requirement[] = [];
  let i = 0;
  const fail = (what: string): never => {
    throw new SelectorParseError(
      `couldn't parse the selector string "${s}": unable to parse requirement: ${what}`,
    );
  };
  const next = (): string | undefined => tokens[i++];
  while (i < tokens.length) {
    let tok = next() as string;
    let negated = false;
    if (tok === "!") {
      negated = true;
      tok = next() ?? fail("found '', expected: identifier");
    }
    if (!KEY_RE.test(tok)) fail(`invalid label key "${tok}"`);
    const key = tok;
    const opTok = tokens[i];
    if (negated) {
      reqs.push({ key, op: "!", values: [] });
    } else if (opTok === undefined || opTok === ",") {
      reqs.push({ key, op: "exists", values: [] });
    } else {
      i++;
      if (opTok === "=" || opTok === "==" || opTok === "!=") {
        const v = tokens[i] === undefined || tokens[i] === "," ? "" : (next() as string);
        if (!VALUE_RE.test(v)) fail(`invalid label value: "${v}"`);
        reqs.push({ key, op: opTok === "!=" ? "!=" : "=", values: [v] });
      } else if (opTok === "in" || opTok === "notin") {
        if (next() !== "(") fail(`found '${tokens[i - 1] ?? ""}', expected: '('`);
        const values: string[] = [];
        for (;;) {
          const v = next();
          if (v === undefined) fail("found '', expected: ')'");
          if (v === ")") break;
          if (v === ",") continue;
          if (!VALUE_RE.test(v as string)) fail(`invalid label value: "${v}"`);
          values.push(v as string);
        }
        reqs.push({ key, op: opTok, values });
      } else if (opTok === ">" || opTok === "<") {
        const v = next() ?? "";
        if (!/^-?\d+$/.test(v)) fail(`for 'Gt', 'Lt' operators, the value must be an integer`);
        reqs.push({ key, op: opTok === ">" ? "gt" : "lt", values: [v] });
      } else {
        fail(`found '${opTok}', expected: '=', '!=', '==', 'in', notin'`);
      }
    }
    const sep = tokens[i];
    if (sep !== undefined) {
      if (sep !== ",") fail(`found '${sep}', expected: ',' or 'end of string'`);
      i++;
    }
  }
  return { requirements: reqs };
}

/** True if the labels satisfy every requirement (mirrors labels.Selector.Matches). */
export function selectorMatches(sel: Selector, labels: Readonly<Record<string, string>>): boolean {
  for (const r of sel.requirements) {
    const has = Object.hasOwn(labels, r.key);
    const v = labels[r.key];
    switch (r.op) {
      case "=":
        if (!has || v !== r.values[0]) return false;
        break;
      case "!=":
        if (has && v === r.values[0]) return false;
        break;
      case "in":
        if (!has || !r.values.includes(v as string)) return false;
        break;
      case "notin":
        if (has && r.values.includes(v as string)) return false;
        break;
      case "exists":
        if (!has) return false;
        break;
      case "!":
        if (has) return false;
        break;
      case "gt":
      case "lt": {
        if (!has || !/^-?\d+$/.test(v as string)) return false;
        const a = BigInt(v as string);
        const b = BigInt(r.values[0] as string);
        if (r.op === "gt" ? !(a > b) : !(a < b)) return false;
      }
    }
  }
  return true;
}

/**
 * Go's `fmt.Sprintf("%+v", selector)` of a `*metav1.LabelSelector` (the generated String() method),
 * e.g. `&LabelSelector{MatchLabels:map[string]string{app: web,},MatchExpressions:[]LabelSelectorRequirement{},}`,
 * and `nil` for an absent selector.
 */
export function formatGoLabelSelector(sel: LabelSelector | null | undefined): string {
  if (sel === null || sel === undefined) return "nil";
  const labels = Object.keys(sel.matchLabels ?? {})
    .sort()
    .map((k) => `${k}: ${(sel.matchLabels as Record<string, string>)[k]},`)
    .join("");
  const exprs = (sel.matchExpressions ?? [])
    .map(
      (e) =>
        `LabelSelectorRequirement{Key:${e.key},Operator:${e.operator},Values:[${(e.values ?? []).join(" ")}],},`,
    )
    .join("");
  return `&LabelSelector{MatchLabels:map[string]string{${labels}},MatchExpressions:[]LabelSelectorRequirement{${exprs}},}`;
}
