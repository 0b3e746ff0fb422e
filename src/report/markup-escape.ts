/** Escaping text for the markup reporters write: JUnit XML, and HTML with inline SVG. */

/** Whether XML 1.0 allows the code point (tab, LF, CR, and U+0020 up, but surrogates and U+FFFE/U+FFFF). */
function xmlAllows(cp: number): boolean {
  if (cp < 0x20) return cp === 0x09 || cp === 0x0a || cp === 0x0d;
  return cp < 0xd800 || (cp > 0xdfff && cp < 0xfffe) || cp > 0xffff;
}

/**
 * Text for an element or a quoted attribute value, in XML (JUnit) and HTML (with its inline SVG): `& < > " '`
 * as entities, and characters XML forbids replaced by U+FFFD.
 */
export function escapeMarkup(text: string): string {
  let allowed = "";
  for (const ch of text) allowed += xmlAllows(ch.codePointAt(0) ?? 0) ? ch : "\uFFFD";
  return allowed
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}
