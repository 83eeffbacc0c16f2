// Normal forms of the things contacts and social profiles are compared by. Pure.
import { normalizeHandle } from "./handles";
import { isSharedMailbox } from "./linking/domains";
import { compactNameForms } from "./linking/name-match";

export { normalizeHandle };

/** Lowercase, accents removed, anything but letters and digits turned into single spaces. */
export function normalizeText(value: string): string {
  return value
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

// Words in display names that say nothing about who someone is.
const NAME_NOISE = new Set([
  "mr",
  "mrs",
  "ms",
  "dr",
  "prof",
  "the",
  "official",
  "real",
  "iam",
  "im",
  "de",
  "da",
  "do",
  "dos",
  "van",
  "von",
  "der",
  "la",
  "le",
]);

/** The tokens of a person's name that identify them (no titles, particles or emoji). */
export function nameTokens(name: string): string[] {
  return normalizeText(name)
    .split(" ")
    .filter((t) => t.length >= 2 && !NAME_NOISE.has(t) && !/^\d+$/.test(t));
}

/** A name as an order-insensitive key: "Silva, Maria" and "Maria Silva" are the same. */
export function nameKey(name: string): string | null {
  const tokens = nameTokens(name);
  return tokens.length ? [...tokens].sort().join(" ") : null;
}

/** First initial and last name ("j smith") for "Jon Smith" / "J. Smith" / "Jonathan Smith". */
export function initialKey(name: string): string | null {
  const tokens = normalizeText(name)
    .split(" ")
    .filter((t) => t && !NAME_NOISE.has(t));
  if (tokens.length < 2) return null;
  const last = tokens[tokens.length - 1];
  return last.length >= 2 ? `${tokens[0][0]} ${last}` : null;
}

/** The part of a handle that could be a name: "jane_doe88" → "janedoe". */
export function compactHandle(handle: string): string {
  return normalizeHandle(handle)
    .split("@")[0]
    .replace(/[^a-z]/g, "");
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function normalizeEmail(value: string): string | null {
  const email = value
    .trim()
    .toLowerCase()
    .replace(/^mailto:/, "");
  return EMAIL.test(email) && email.length <= 320 ? email : null;
}

/** A mailbox a team or a household shares (info@, support@, tips@, rossi.family@ …): see linking/domains.ts. */
export function isRoleMailbox(email: string): boolean {
  return isSharedMailbox(email);
}

/** Host without www and path without trailing slash, query or fragment: "acme.com/jane". */
export function normalizeWebsite(value: string): string | null {
  let text = value.trim();
  if (!text) return null;
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) text = `https://${text}`;
  try {
    const url = new URL(text);
    if (url.protocol !== "http:" && url.protocol !== "https:") return null;
    if (!url.hostname.includes(".")) return null;
    const host = url.hostname.toLowerCase().replace(/^www\./, "");
    const path = decodeURIComponent(url.pathname).replace(/\/+$/, "").toLowerCase();
    return `${host}${path}`;
  } catch {
    return null;
  }
}

/** Digits of a phone number; null when there are too few to be one. */
export function phoneDigits(value: string): string | null {
  const digits = value.replace(/\D/g, "");
  return digits.length >= 6 && digits.length <= 20 ? digits : null;
}

/**
 * Keys a phone number is found by: its digits and every suffix of at least 7 digits, so
 * "+351 912 345 678", "912345678" and "345678" (from 7 on) all find it by prefix search.
 */
export function phoneKeys(value: string): string[] {
  const digits = phoneDigits(value);
  if (!digits) return [];
  const keys = [digits];
  for (let i = 1; digits.length - i >= 7; i++) keys.push(digits.slice(i));
  return keys;
}

export function extractEmails(text: string | null | undefined): string[] {
  if (!text) return [];
  return [
    ...new Set(
      (text.match(/[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g) ?? []).map((e) => normalizeEmail(e)).filter((e): e is string => !!e),
    ),
  ];
}

// Things that look like "name.tld" but are files or code, not sites.
const NOT_TLDS = new Set([
  "js",
  "ts",
  "jsx",
  "tsx",
  "py",
  "rb",
  "md",
  "txt",
  "pdf",
  "png",
  "jpg",
  "jpeg",
  "gif",
  "svg",
  "webp",
  "exe",
  "json",
  "html",
  "htm",
  "css",
  "php",
  "sh",
  "yml",
  "yaml",
  "xml",
  "csv",
  "zip",
  "mp3",
  "mp4",
  "mov",
  "wav",
  "doc",
  "docx",
  "xls",
  "xlsx",
  "ppt",
  "pptx",
  "java",
  "go",
  "rs",
  "cpp",
  "h",
]);
const LINK =
  /\bhttps?:\/\/[^\s<>"')\]]+|(?<![\w@.-])(?:www\.)?[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*\.[a-z]{2,24}(?![\w-])(?:\/[^\s<>"')\]]*)?/gi;

/** Web addresses in free text, on any top-level domain ("milanovak.art", "https://x.example/a"). */
export function extractLinks(text: string | null | undefined): string[] {
  if (!text) return [];
  const found = text.replace(/[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g, " ").match(LINK) ?? [];
  const links = found.filter(
    (l) => /^(https?:\/\/|www\.)/i.test(l) || !NOT_TLDS.has(l.split("/")[0].split(".").pop()!.toLowerCase()),
  );
  return [
    ...new Set(
      links
        .map((l) => normalizeWebsite(l.replace(/[.,;:!?]+$/, "")))
        .filter((l): l is string => !!l && !l.includes("@")),
    ),
  ];
}

/** The city part of a free-text location: "Porto, Portugal" → "porto". */
export function normalizeLocation(value: string | null | undefined): string | null {
  if (!value) return null;
  const first = normalizeText(value.split(/[,/|·]/)[0] ?? "");
  return first || null;
}

/** How a name is squeezed into a handle: "janedoe", "doejane", "jdoe", "janed" (in Latin letters). */
export function compactNames(name: string): string[] {
  return compactNameForms(name);
}

/** The bare host of a normalized website ("acme.com/jane" → "acme.com"). */
export const websiteHost = (site: string) => site.split("/")[0];
