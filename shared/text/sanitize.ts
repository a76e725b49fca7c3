/**
 * Untrusted text (comments, nicknames, titles) made safe to *show as plain text*. The renderer
 * puts the result into text nodes, so markup is never a concern here; what is removed is what
 * a text node still honours: control characters (a newline or a bell inside a one-line feed)
 * and bidi overrides/isolates, which can flip the rest of a line right-to-left ("Trojan source")
 * and make a comment read as something it is not.
 *
 * The work is bounded by `max`, not by the input: a 100 KB comment costs no more than the
 * characters that end up on screen (plus any run of removed characters before them).
 */

/** Bidi embeddings/overrides U+202A–U+202E and isolates U+2066–U+2069. */
function isBidiControl(c: number): boolean {
  return (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
}

/** C0 controls, DEL, C1 controls. */
function isControl(c: number): boolean {
  return c < 0x20 || (c >= 0x7f && c <= 0x9f);
}

/** Tab, LF, VT, FF, CR: separators in the source text, kept as one space so words stay apart. */
function isLineSpace(c: number): boolean {
  return c >= 0x09 && c <= 0x0d;
}

/**
 * `s` as one line of plain text: control characters removed (tabs and line breaks become one
 * space), bidi overrides and isolates removed, lone surrogates replaced by U+FFFD, and at most
 * `max` code points — a longer text ends in '…' (which counts as one of the `max`).
 */
export function displayText(s: string, max: number): string {
  if (typeof s !== 'string' || !(max >= 1)) return '';
  const limit = Math.floor(max);
  let out = '';
  let points = 0;
  let pendingSpace = false;
  // the first code point beyond `limit - 1` is only taken if it turns out to be the last one
  let held = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    let ch: string;
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const lo = s.charCodeAt(i + 1);
      if (lo >= 0xdc00 && lo <= 0xdfff) {
        ch = s.slice(i, i + 2);
        i++;
      } else ch = '\ufffd';
    } else if (c >= 0xd800 && c <= 0xdfff) {
      ch = '\ufffd';
    } else {
      if (isControl(c)) {
        if (isLineSpace(c) && points > 0) pendingSpace = true;
        continue;
      }
      if (isBidiControl(c)) continue;
      ch = s[i]!;
    }
    if (pendingSpace) {
      pendingSpace = false;
      if (held) return out + '…';
      if (points < limit - 1) {
        out += ' ';
        points++;
      } else held = ' ';
    }
    if (held) return out + '…'; // a second code point past the limit: truncate
    if (points < limit - 1) {
      out += ch;
      points++;
    } else held = ch;
  }
  return out + held;
}
