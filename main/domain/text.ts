/** Text normalisation shared by every validator: officers paste from WPS, Word and web pages. */

/** Full-width ASCII (U+FF01–U+FF5E) to half-width, ideographic space to a space. */
export function toHalfWidth(s: string): string {
  let out = '';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (c >= 0xff01 && c <= 0xff5e) out += String.fromCodePoint(c - 0xfee0);
    else if (c === 0x3000) out += ' ';
    else out += ch;
  }
  return out;
}

/** NFC, half-width, trimmed: the form every stored free-text value takes. */
export function normalizeText(s: string): string {
  return toHalfWidth(s.normalize('NFC')).trim();
}
