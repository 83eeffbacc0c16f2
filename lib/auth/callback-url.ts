// Where to send a user after signing in. Only a path on this site is accepted: browsers read
// `/\evil`, `/<tab>/evil` and `//evil` as other hosts, so anything that could turn into one
// (backslashes, control characters, an encoded second slash, a scheme) falls back to the inbox.
// Pure: used by the sign-in page and next-auth's redirect callback.

export const DEFAULT_AFTER_SIGN_IN = "/inbox";
const BASE = "http://earshot.invalid";
const MAX_LENGTH = 2048;

function decodeRepeatedly(value: string): string[] | null {
  const forms = [value];
  let current = value;
  for (let i = 0; i < 3 && current.includes("%"); i++) {
    try {
      current = decodeURIComponent(current);
    } catch {
      return null; // malformed escapes: nothing sensible to redirect to
    }
    forms.push(current);
  }
  return forms;
}

function looksSafe(form: string): boolean {
  if (/[\u0000-\u001f\u007f\\]/.test(form)) return false; // control characters, backslashes
  if (!form.startsWith("/") || form.startsWith("//")) return false;
  return true;
}

/** A same-origin path (with query and fragment) from untrusted input, or `fallback`. */
export function safeCallbackPath(input: unknown, fallback = DEFAULT_AFTER_SIGN_IN): string {
  if (typeof input !== "string" || input.length === 0 || input.length > MAX_LENGTH) return fallback;
  const forms = decodeRepeatedly(input);
  if (!forms || !forms.every(looksSafe)) return fallback;
  let url: URL;
  try {
    url = new URL(input, BASE);
  } catch {
    return fallback;
  }
  if (url.origin !== BASE) return fallback;
  const path = url.pathname + url.search + url.hash;
  return looksSafe(path) ? path : fallback;
}

/**
 * next-auth's redirect callback: `url` may be absolute or relative; only URLs on `baseUrl`'s
 * origin are kept (as their path), anything else goes to the default page.
 */
export function redirectWithinSite(url: string, baseUrl: string): string {
  const base = new URL(baseUrl);
  let candidate = url;
  if (/^[a-z][a-z0-9+.-]*:/i.test(url)) {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return `${base.origin}${DEFAULT_AFTER_SIGN_IN}`;
    }
    if (parsed.origin !== base.origin) return `${base.origin}${DEFAULT_AFTER_SIGN_IN}`;
    candidate = parsed.pathname + parsed.search + parsed.hash;
  }
  return `${base.origin}${safeCallbackPath(candidate)}`;
}
