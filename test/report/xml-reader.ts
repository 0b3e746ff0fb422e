/**
 * A strict reader of the XML our reporters write (tests only): elements, attributes, text and the five
 * predefined entities plus numeric references. Throws on anything not well-formed (an unclosed or mismatched
 * tag, a raw `<` or `&` in text or an attribute, an unknown entity, a duplicate attribute), so a test that reads
 * a report back also checks that it is XML.
 */
export interface XmlElement {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: readonly XmlElement[];
  /** The element's own text (its children's excluded), entities decoded. */
  readonly text: string;
}

const ENTITIES: Readonly<Record<string, string>> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

/** Decodes entity and character references; throws on a raw `<`, a bare `&` or an unknown entity. */
export function decodeXml(raw: string): string {
  if (raw.includes("<")) throw new Error(`raw "<" in ${JSON.stringify(raw)}`);
  return raw.replace(/&([^;\s]*);?/g, (m, name: string) => {
    if (!m.endsWith(";")) throw new Error(`bare "&" in ${JSON.stringify(raw)}`);
    if (name.startsWith("#x")) return String.fromCodePoint(Number.parseInt(name.slice(2), 16));
    if (name.startsWith("#")) return String.fromCodePoint(Number.parseInt(name.slice(1), 10));
    const e = ENTITIES[name];
    if (e === undefined) throw new Error(`unknown entity &${name};`);
    return e;
  });
}

const NAME = "[A-Za-z_:][-A-Za-z0-9_:.]*";
const ATTRIBUTE = new RegExp(`\\s+(${NAME})="([^"]*)"`, "y");

/** Reads a document (an optional `<?xml ...?>` declaration, then one root element). */
export function readXml(text: string): XmlElement {
  let at = 0;
  const declaration = /^<\?xml[^?]*\?>\s*/.exec(text);
  if (declaration !== null) at = declaration[0].length;
  const element = (): XmlElement => {
    const open = new RegExp(`<(${NAME})`, "y");
    open.lastIndex = at;
    const m = open.exec(text);
    if (m === null) throw new Error(`expected an element at ${at}: ${text.slice(at, at + 40)}`);
    const name = m[1] as string;
    at = open.lastIndex;
    const attributes: Record<string, string> = {};
    for (;;) {
      ATTRIBUTE.lastIndex = at;
      const a = ATTRIBUTE.exec(text);
      if (a === null) break;
      const key = a[1] as string;
      if (key in attributes) throw new Error(`duplicate attribute ${key} on <${name}>`);
      // attribute-value normalization (XML 1.0 3.3.3): a literal tab, LF or CR reads as a space
      attributes[key] = decodeXml((a[2] as string).replace(/[\t\n\r]/g, " "));
      at = ATTRIBUTE.lastIndex;
    }
    const close = /\s*(\/?)>/y;
    close.lastIndex = at;
    const c = close.exec(text);
    if (c === null) throw new Error(`malformed tag <${name}> at ${at}: ${text.slice(at, at + 40)}`);
    at = close.lastIndex;
    if (c[1] === "/") return { name, attributes, children: [], text: "" };
    const children: XmlElement[] = [];
    let own = "";
    for (;;) {
      const next = text.indexOf("<", at);
      if (next < 0) throw new Error(`<${name}> is never closed`);
      own += decodeXml(text.slice(at, next));
      at = next;
      if (text.startsWith(`</${name}>`, at)) {
        at += name.length + 3;
        return { name, attributes, children, text: own };
      }
      if (text.startsWith("</", at)) throw new Error(`<${name}> closed by ${text.slice(at, at + 30)}`);
      children.push(element());
    }
  };
  const root = element();
  if (text.slice(at).trim() !== "")
    throw new Error(`content after the root element: ${text.slice(at, at + 40)}`);
  return root;
}

/** Every element named `name` under `e` (depth first, `e` included). */
export function elementsNamed(e: XmlElement, name: string): XmlElement[] {
  return [...(e.name === name ? [e] : []), ...e.children.flatMap((c) => elementsNamed(c, name))];
}
