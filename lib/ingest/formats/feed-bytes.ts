// Feed bytes to text, choosing the encoding the way feed readers do. Pure.
//
// In order: a byte-order mark; the charset the HTTP response declared; the XML declaration's
// encoding; otherwise UTF-8. When the chosen encoding is UTF-8 but the bytes are not valid
// UTF-8, the feed is really Latin-1/Windows-1252 with no (or a wrong) declaration — by far the
// most common mislabelling — and it is read as Windows-1252 instead of filling it with U+FFFD.

const UTF8 = "utf-8";

/** The charset parameter of a Content-Type header value, if any. */
export function charsetOf(contentType: string | string[] | null | undefined): string | null {
  const value = Array.isArray(contentType) ? contentType[0] : contentType;
  const m = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(value ?? "");
  return m ? m[1].trim() : null;
}

/** The WHATWG name of an encoding label, or null when Node cannot decode it. */
function encodingName(label: string | null | undefined): string | null {
  if (!label) return null;
  try {
    return new TextDecoder(label.trim()).encoding;
  } catch {
    return null;
  }
}

function fromBom(bytes: Uint8Array): { encoding: string; skip: number } | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: UTF8, skip: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: "utf-16le", skip: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: "utf-16be", skip: 2 };
  return null;
}

/** UTF-16 without a BOM still starts with "<" next to a zero byte. */
function sniffUtf16(bytes: Uint8Array): string | null {
  if (bytes.length < 4) return null;
  if (bytes[0] === 0x3c && bytes[1] === 0 && bytes[2] !== 0 && bytes[3] === 0) return "utf-16le";
  if (bytes[0] === 0 && bytes[1] === 0x3c && bytes[2] === 0 && bytes[3] !== 0) return "utf-16be";
  return null;
}

function declaredInXml(bytes: Uint8Array): string | null {
  const head = new TextDecoder("latin1").decode(bytes.subarray(0, 300));
  return /^\s*<\?xml[^>]*?\sencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/.exec(head)?.[1] ?? null;
}

// Windows-1252's printable characters at 0x80–0x9F. Node 20's TextDecoder("windows-1252")
// decodes those bytes as C1 control characters (as ISO-8859-1 would), so they are mapped here;
// the five bytes Windows-1252 leaves undefined stay the C1 code points, as WHATWG says.
const WINDOWS_1252_HIGH = "€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ";

function decodeWindows1252(bytes: Uint8Array): string {
  return new TextDecoder("windows-1252")
    .decode(bytes)
    .replace(/[\u0080-\u009f]/g, (c) => WINDOWS_1252_HIGH[c.charCodeAt(0) - 0x80]);
}

function decode(encoding: string, bytes: Uint8Array): string {
  return encoding === "windows-1252" ? decodeWindows1252(bytes) : new TextDecoder(encoding).decode(bytes);
}

export interface FeedDecodeOptions {
  /** The charset of the HTTP Content-Type header, when the feed was fetched. */
  charset?: string | null;
}

/** Decodes feed bytes to text (a string is returned as it is). */
export function decodeFeedBytes(input: Uint8Array | string, options: FeedDecodeOptions = {}): string {
  if (typeof input === "string") return input;
  const bom = fromBom(input);
  if (bom) return new TextDecoder(bom.encoding).decode(input.subarray(bom.skip));
  // A declaration we could read as ASCII cannot be telling the truth about UTF-16.
  const declared = encodingName(declaredInXml(input));
  const encoding =
    encodingName(options.charset) ?? sniffUtf16(input) ?? (declared?.startsWith("utf-16") ? null : declared) ?? UTF8;
  if (encoding !== UTF8) return decode(encoding, input);
  try {
    return new TextDecoder(UTF8, { fatal: true }).decode(input);
  } catch {
    return decodeWindows1252(input);
  }
}
