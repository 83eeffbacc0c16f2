// JSON.parse that keeps integers beyond 2^53 exact by reading them as strings (X rule ids,
// Facebook ids). Pure.

const SAFE_DIGITS = 15;

/** Quotes every integer literal longer than 15 digits that stands outside a string. */
export function quoteBigIntegers(text: string): string {
  let out = "";
  let i = 0;
  let last = 0;
  let inString = false;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92)
        i += 2; // backslash escape
      else {
        if (c === 34) inString = false;
        i++;
      }
      continue;
    }
    if (c === 34) {
      inString = true;
      i++;
      continue;
    }
    if ((c >= 48 && c <= 57) || c === 45) {
      let j = i + (c === 45 ? 1 : 0);
      while (j < text.length && text.charCodeAt(j) >= 48 && text.charCodeAt(j) <= 57) j++;
      const next = text.charCodeAt(j);
      const digits = j - i - (c === 45 ? 1 : 0);
      if (digits > SAFE_DIGITS && next !== 46 && next !== 101 && next !== 69) {
        out += `${text.slice(last, i)}"${text.slice(i, j)}"`;
        last = j;
      }
      i = j;
      continue;
    }
    i++;
  }
  return last === 0 ? text : out + text.slice(last);
}

const MAYBE_BIG = /\d{16}/;
const BARE_BIG = /([:[,]\s*)(-?\d{16,})(?=\s*[,\]}])/g;

export function parseJsonExact(text: string): unknown {
  if (!MAYBE_BIG.test(text)) return JSON.parse(text);
  // Fast path: quote what looks like a bare big number. Had it been inside a string, the
  // inserted quotes would make the JSON invalid, so a successful parse is a correct one;
  // otherwise fall back to the exact scanner.
  try {
    return JSON.parse(text.replace(BARE_BIG, '$1"$2"'));
  } catch {
    return JSON.parse(quoteBigIntegers(text));
  }
}
