// The lookup keys of a contact (see ContactKey). Pure: the data layer stores what this returns.
import { handleLocalPart, normalizeDeclaredHandle, normalizeHandle } from "./handles";
import { emailDomain, hostOf, isFreeMailDomain } from "./linking/domains";
import { canonicalPairKeys } from "./linking/name-match";
import { cityOf } from "./linking/places";
import { foldToLatin } from "./linking/script-fold";
import {
  compactNames,
  initialKey,
  nameKey,
  nameTokens,
  normalizeEmail,
  normalizeText,
  normalizeWebsite,
  phoneKeys,
} from "./normalize";

// canon: pairs of name words in a canonical form (see canonicalPairKeys), so that Bob Day is
// found from Robert Day and Юлия Смирнова from Yulia Smirnova. domain: the hosts of a contact's
// websites and the domains of its (non-free-mail) addresses, so the linker knows who else uses
// a domain.
export type KeyKind =
  | "email"
  | "phone"
  | "website"
  | "declared"
  | "handle"
  | "name"
  | "initial"
  | "token"
  | "compact"
  | "canon"
  | "domain"
  | "place";

// Contact search scans key values by prefix (whatever their kind); these two kinds only serve
// the linker, so their values start with a character no search term starts with and stay out
// of every search range.
export const canonKey = (pair: string) => `~${pair}`;
export const domainKey = (host: string) => `~${host}`;
// A canonical name pair in a city: a common name can have hundreds of holders, more than a key
// brings (40); the same-city namesake is found through this key whatever their number.
export const placeKey = (city: string, pair: string) => `~${city}|${pair}`;

export interface ContactKeyInput {
  name: string;
  emails: string[];
  phones: string[];
  websites: string[];
  /** Declared handles per network. */
  handles: Record<string, string[]>;
  /** Handles of the identities linked to the contact. */
  linkedHandles: Array<{ network: string; handle: string }>;
  location?: string | null;
}

export interface Key {
  kind: KeyKind;
  value: string;
}

export function declaredHandles(value: unknown): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  if (!value || typeof value !== "object" || Array.isArray(value)) return out;
  for (const [network, list] of Object.entries(value as Record<string, unknown>)) {
    // Stored data may still hold handles typed as profile URLs: they are read in normal form.
    const handles = (Array.isArray(list) ? list : [list])
      .filter((h): h is string => typeof h === "string" && h.trim() !== "")
      .map(normalizeDeclaredHandle)
      .filter(Boolean);
    if (handles.length) out[network] = [...new Set(handles)];
  }
  return out;
}

export function contactKeys(contact: ContactKeyInput): Key[] {
  const keys = new Map<string, Key>();
  const add = (kind: KeyKind, value: string | null) => {
    if (value && value.length <= 300) keys.set(`${kind}\u0000${value}`, { kind, value });
  };
  for (const e of contact.emails) {
    const email = normalizeEmail(e);
    add("email", email);
    if (email && !isFreeMailDomain(emailDomain(email))) add("domain", domainKey(emailDomain(email)));
  }
  for (const p of contact.phones) for (const k of phoneKeys(p)) add("phone", k);
  for (const w of contact.websites) {
    const site = normalizeWebsite(w);
    add("website", site);
    if (site) add("domain", domainKey(hostOf(site)));
  }
  const addHandle = (h: string) => {
    add("handle", normalizeHandle(h));
    // The same person reuses the local part elsewhere: "jane@mastodon.social", "jane.bsky.social".
    const local = handleLocalPart(h);
    if (local && local.length >= 3) add("handle", local);
  };
  for (const [network, handles] of Object.entries(contact.handles)) {
    for (const h of handles) {
      const handle = normalizeDeclaredHandle(h);
      add("declared", `${network}:${handle}`);
      addHandle(handle);
    }
  }
  for (const { handle } of contact.linkedHandles) addHandle(handle);
  add("name", nameKey(contact.name));
  add("initial", initialKey(contact.name));
  for (const t of nameTokens(contact.name)) add("token", t);
  // Names in other scripts are found by their Latin form too ("yulia" finds Юлия).
  for (const t of normalizeText(foldToLatin(contact.name)).split(" ")) if (t.length >= 2) add("token", t);
  for (const c of compactNames(contact.name)) add("compact", c);
  const pairs = canonicalPairKeys(contact.name);
  for (const pair of pairs) add("canon", canonKey(pair));
  const city = cityOf(contact.location);
  if (city) for (const pair of pairs.slice(0, 4)) add("place", placeKey(city, pair));
  return [...keys.values()];
}
