// Deciding whether a social profile belongs to a contact. Pure: the pipeline and the
// evaluation both call this with candidates fetched by lookupKeys.
//
// Strong evidence links automatically: a profile e-mail or website equal to exactly one
// contact's, or a handle exactly one contact declared for that network. Weak evidence
// (similar name, the same handle elsewhere, name plus location, a link in the bio, an e-mail
// shared by several contacts) only ranks suggestions. Conflicting strong evidence links nothing.
import type { Key } from "../keys";
import {
  compactHandle, compactNames, websiteHost, extractEmails, extractLinks, initialKey, isRoleMailbox, nameKey, nameTokens, normalizeEmail, normalizeHandle,
  normalizeLocation, normalizeText, normalizeWebsite,
} from "../normalize";
import { jaroWinkler } from "./similarity";

export interface IdentityProfile {
  network: string;
  handle: string;
  displayName: string | null;
  email: string | null;
  website: string | null;
  location: string | null;
  bio: string | null;
}

export interface CandidateContact {
  id: string;
  name: string;
  location: string | null;
  emails: string[];
  websites: string[];
  /** Declared handles per network. */
  handles: Record<string, string[]>;
  linkedHandles: Array<{ network: string; handle: string }>;
}

export interface Reason {
  code: "email" | "website" | "declared-handle" | "name" | "handle-elsewhere" | "name-location" | "other-location" | "bio-link" | "shared-email" | "shared-evidence";
  text: string;
}

export interface Suggestion {
  contactId: string;
  score: number;
  reasons: Reason[];
}

export interface LinkDecision {
  link: { contactId: string; reasons: Reason[] } | null;
  suggestions: Suggestion[];
}

export const SUGGESTION_THRESHOLD = 0.3;

// Names and places repeat across a batch (every candidate is scored against every profile
// that found it): their normal forms are computed once. Bounded, so memory stays flat.
function cached<T>(fn: (s: string) => T): (s: string) => T {
  const memo = new Map<string, T>();
  return (s) => {
    let v = memo.get(s);
    if (v === undefined && !memo.has(s)) {
      if (memo.size > 50_000) memo.clear();
      v = fn(s);
      memo.set(s, v);
    }
    return v as T;
  };
}
const tokensOf = cached(nameTokens);
const keyOf = cached(nameKey);
const initialOf = cached(initialKey);
const compactOf = cached(compactNames);
const placeOf = cached(normalizeLocation);
const textOf = cached(normalizeText);
const siteOf = cached(normalizeWebsite);
export const MAX_SUGGESTIONS = 5;

function profileEmails(p: IdentityProfile): string[] {
  const own = p.email ? normalizeEmail(p.email) : null;
  return [...new Set([...(own ? [own] : []), ...extractEmails(p.bio)])];
}

/** The keys under which this profile's candidate contacts are found. */
export function lookupKeys(p: IdentityProfile): Key[] {
  const keys: Key[] = [];
  for (const e of profileEmails(p)) keys.push({ kind: "email", value: e });
  const site = p.website ? normalizeWebsite(p.website) : null;
  for (const w of new Set([...(site ? [site] : []), ...extractLinks(p.bio).flatMap((l) => [l, websiteHost(l)])])) keys.push({ kind: "website", value: w });
  const handle = normalizeHandle(p.handle);
  if (handle) {
    keys.push({ kind: "declared", value: `${p.network}:${handle}` });
    keys.push({ kind: "handle", value: handle });
    const compact = compactHandle(handle);
    if (compact.length >= 4) keys.push({ kind: "compact", value: compact });
  }
  const name = p.displayName?.trim() ? p.displayName : null;
  if (name) {
    const nk = nameKey(name);
    if (nk) keys.push({ kind: "name", value: nk });
    const ik = initialKey(name);
    if (ik) keys.push({ kind: "initial", value: ik });
    // A one-word display name ("Maya") says too little to look anyone up by; single name
    // tokens are not looked up either: at 100,000 contacts they bring hundreds of strangers.
  }
  const seen = new Set<string>();
  return keys.filter((k) => !seen.has(`${k.kind}:${k.value}`) && !!seen.add(`${k.kind}:${k.value}`));
}

/** How alike two names are, 0 to 1, with the words to say so. */
export function nameSimilarity(a: string, b: string): { score: number; text: string } {
  const ta = tokensOf(a);
  const tb = tokensOf(b);
  if (!ta.length || !tb.length) return { score: 0, text: "" };
  if (keyOf(a) === keyOf(b)) return { score: 1, text: "same name" };
  const firstA = ta[0], firstB = tb[0], lastA = ta[ta.length - 1], lastB = tb[tb.length - 1];
  if (ta.length > 1 && tb.length > 1 && lastA === lastB) {
    if (firstA === firstB) return { score: 0.95, text: "same first and last name" };
    if (Math.min(firstA.length, firstB.length) >= 3 && (firstA.startsWith(firstB) || firstB.startsWith(firstA))) return { score: 0.85, text: "similar name" };
    if (jaroWinkler(firstA, firstB) >= 0.88) return { score: 0.82, text: "similar name" };
  }
  // "J. Smith" is John Smith's initial; "Jessica Smith" is not John Smith.
  const ia = initialOf(a), ib = initialOf(b);
  const initialOnly = (name: string) => /^\p{L}\.?$/u.test(textOf(name).split(" ")[0] ?? "") || /^\p{L}\./u.test(name.trim());
  if (ia && ia === ib && (initialOnly(a) || initialOnly(b))) return { score: 0.8, text: "same initial and last name" };
  // Whole-string similarity catches typos; names of very different length cannot be alike.
  const na = textOf(a), nb = textOf(b);
  if (Math.abs(na.length - nb.length) > 3) return { score: 0, text: "" };
  const jw = jaroWinkler(na, nb);
  if (jw >= 0.93) return { score: Math.min(0.85, jw * 0.9), text: "similar name" };
  return { score: 0, text: "" };
}

/** Whether a handle spells the name ("janedoe", "jdoe", "jane_doe88", "doejane"). */
function handleSpellsName(compact: string, name: string): boolean {
  return compact.length >= 4 && compactOf(name).includes(compact);
}

/** What a profile brings to every comparison, computed once per profile. */
interface Prepared {
  p: IdentityProfile;
  handle: string;
  compact: string;
  place: string | null;
  bioLinks: string[];
}

function score(pp: Prepared, c: CandidateContact): Suggestion {
  const p = pp.p;
  const reasons: Reason[] = [];
  let total = 0;
  const byName = p.displayName ? nameSimilarity(p.displayName, c.name) : { score: 0, text: "" };
  const byHandle = handleSpellsName(pp.compact, c.name) ? 0.8 : 0;
  const nameScore = Math.max(byName.score, byHandle);
  if (nameScore >= 0.8) {
    total += 0.5 * nameScore;
    reasons.push({ code: "name", text: byName.score >= byHandle ? `${byName.text}: “${p.displayName}”` : `handle @${normalizeHandle(p.handle)} spells the name` });
  }
  const handle = pp.handle;
  const elsewhere = [
    ...c.linkedHandles.filter((l) => l.network !== p.network && normalizeHandle(l.handle) === handle).map((l) => l.network),
    ...Object.entries(c.handles).filter(([network, list]) => network !== p.network && list.includes(handle)).map(([network]) => network),
  ];
  if (handle.length >= 3 && elsewhere.length) {
    total += 0.35;
    reasons.push({ code: "handle-elsewhere", text: `same handle @${handle} on ${[...new Set(elsewhere)].join(", ")}` });
  }
  const here = pp.place;
  const theirs = c.location ? placeOf(c.location) : null;
  if (here && theirs && nameScore >= 0.8) {
    if (here === theirs) {
      total += 0.25;
      reasons.push({ code: "name-location", text: `name plus location: ${p.location}` });
    } else {
      total -= 0.1;
      reasons.push({ code: "other-location", text: `lives elsewhere (${p.location} vs ${c.location})` });
    }
  }
  // A bio link to the contact's site, or to a page under it when the site is a bare host.
  const sites = new Set(c.websites.map(siteOf).filter(Boolean));
  const bioLink = pp.bioLinks.find((l) => sites.has(l) || (sites.has(websiteHost(l)) && !websiteHost(l).includes("/")));
  if (bioLink) {
    total += 0.35;
    reasons.push({ code: "bio-link", text: `link in bio: ${bioLink}` });
  }
  return { contactId: c.id, score: Math.round(Math.min(0.99, total) * 1000) / 1000, reasons };
}

export function decideLink(p: IdentityProfile, candidates: CandidateContact[]): LinkDecision {
  const emails = profileEmails(p);
  const site = p.website ? normalizeWebsite(p.website) : null;
  const handle = normalizeHandle(p.handle);
  // Strong evidence, per kind: which candidates carry it.
  const holders = (test: (c: CandidateContact) => boolean) => candidates.filter(test).map((c) => c.id);
  const strong: Array<{ code: Reason["code"]; text: string; contacts: string[]; usable: boolean; role?: boolean }> = [];
  for (const e of emails) {
    const contacts = holders((c) => c.emails.some((x) => normalizeEmail(x) === e));
    if (contacts.length) strong.push({ code: "email", text: `profile e-mail ${e}`, contacts, role: isRoleMailbox(e), usable: contacts.length === 1 && !isRoleMailbox(e) });
  }
  if (site) {
    const contacts = holders((c) => c.websites.some((w) => siteOf(w) === site));
    if (contacts.length) strong.push({ code: "website", text: `profile website ${site}`, contacts, usable: contacts.length === 1 });
  }
  if (handle) {
    const contacts = holders((c) => (c.handles[p.network] ?? []).includes(handle));
    if (contacts.length) strong.push({ code: "declared-handle", text: `declared ${p.network} handle @${handle}`, contacts, usable: contacts.length === 1 });
  }
  const linkTargets = new Set(strong.filter((s) => s.usable).flatMap((s) => s.contacts));

  const prepared: Prepared = { p, handle, compact: compactHandle(p.handle), place: p.location ? placeOf(p.location) : null, bioLinks: extractLinks(p.bio) };
  const suggestions = candidates.map((c) => score(prepared, c));
  // Strong evidence that cannot decide (shared, or pointing at different contacts) is still a good hint.
  for (const s of strong) {
    const sharedText = s.role
      ? `${s.text} is a team mailbox`
      : s.contacts.length > 1
        ? `${s.text} is shared by ${s.contacts.length} contacts`
        : `${s.text}, but other evidence points elsewhere`;
    if (s.usable && linkTargets.size === 1) continue;
    for (const id of s.contacts) {
      const sug = suggestions.find((x) => x.contactId === id)!;
      sug.score = Math.round(Math.min(0.99, sug.score + (s.code === "email" ? 0.3 : 0.35)) * 1000) / 1000;
      sug.reasons.unshift({ code: s.code === "email" ? "shared-email" : "shared-evidence", text: sharedText });
    }
  }
  if (linkTargets.size === 1) {
    const contactId = [...linkTargets][0];
    return {
      link: { contactId, reasons: strong.filter((s) => s.usable && s.contacts[0] === contactId).map((s) => ({ code: s.code, text: s.text })) },
      suggestions: [],
    };
  }
  return {
    link: null,
    suggestions: suggestions
      .filter((s) => s.score >= SUGGESTION_THRESHOLD)
      .sort((a, b) => b.score - a.score || a.contactId.localeCompare(b.contactId))
      .slice(0, MAX_SUGGESTIONS),
  };
}
