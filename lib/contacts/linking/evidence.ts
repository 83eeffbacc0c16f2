// Deciding whether a social profile belongs to a contact. Pure: the pipeline and the
// evaluation both call this with candidates fetched by lookupKeys.
//
// Automatic links need evidence that is the person's own, and only theirs:
//  - an e-mail in the profile's own field (or one the bio presents as the author's own) that
//    exactly one contact has, that no other profile uses, and that is not a team or household
//    mailbox;
//  - a website (or a Bluesky handle on the person's own domain) that exactly one contact lists,
//    on a domain that is nobody else's: not a platform page, not a news outlet, not the
//    contact's company, not a domain other contacts or other profiles use;
//  - a handle the contact declared for this very network;
// and then only when the profile does not present somebody else (another person's name, a
// parody or fan page). Strong evidence pointing at two contacts links nothing. Everything else
// (names, places, bio links, the same handle elsewhere, shared or organisation evidence) only
// ranks suggestions for an agent. When in doubt, suggest.
import { canonKey, domainKey, placeKey, type Key } from "../keys";
import { blueskyDomain, handleLocalPart, normalizeHandle } from "../handles";
import {
  compactHandle,
  extractEmails,
  extractLinks,
  initialKey,
  nameKey,
  normalizeEmail,
  normalizeWebsite,
} from "../normalize";
import { bioEmails } from "./bio-emails";
import {
  companyOwnsHost,
  emailDomain,
  hostOf,
  isFreeMailDomain,
  isHouseholdMailbox,
  isNewsHost,
  isPlatformPage,
  isRoleMailbox,
  siteSpellsName,
} from "./domains";
import {
  canonicalPairKeys,
  compactNameForms,
  compareNames,
  firstNameOnly,
  isParodyOrFan,
  nameVariants,
  presentsAnotherPerson,
} from "./name-match";
import { cityOf, samePlace } from "./places";

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
  company?: string | null;
}

/** Another stored profile using one of this profile's e-mails, sites or site hosts. */
export interface OtherProfile {
  email: string | null;
  website: string | null;
  /** A Bluesky handle on a domain. */
  domain?: string | null;
  displayName: string | null;
  contactId: string | null;
}

export interface LinkContext {
  others?: OtherProfile[];
}

export interface Reason {
  code:
    | "email"
    | "website"
    | "declared-handle"
    | "name"
    | "handle-elsewhere"
    | "name-location"
    | "other-location"
    | "bio-link"
    | "shared-email"
    | "shared-evidence"
    | "first-name"
    | "bio-email";
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
export const MAX_SUGGESTIONS = 5;
/** A name this alike counts as a name match for suggestions. */
const NAME_MATCH = 0.75;

// The per-name work (forms of a name, spelling keys, places) is cached where it is computed
// (name-match.ts, places.ts); comparisons themselves are cheap and not cached by pair.
const namesAlike = compareNames;
const anotherPerson = presentsAnotherPerson;
const sameCity = samePlace;
const firstOnly = firstNameOnly;
const compactForms = (() => {
  const memo = new Map<string, string[]>();
  return (name: string) => {
    let v = memo.get(name);
    if (!v) {
      if (memo.size > 50_000) memo.clear();
      v = compactNameForms(name);
      memo.set(name, v);
    }
    return v;
  };
})();

/** The profile's e-mails: those it presents as its own, and those it merely mentions. */
export function profileEmails(p: Pick<IdentityProfile, "email" | "bio">): { own: string[]; mentioned: string[] } {
  const inBio = bioEmails(p.bio)
    .map((b) => ({ ...b, email: normalizeEmail(b.email) }))
    .filter((b): b is { email: string; own: boolean } => !!b.email);
  const field = p.email ? normalizeEmail(p.email) : null;
  const own = new Set(inBio.filter((b) => b.own).map((b) => b.email));
  // The stored e-mail may have been taken from the bio: it is the author's own only if the
  // bio presents it so, or if the bio does not contain it at all.
  if (field && !inBio.some((b) => b.email === field)) own.add(field);
  const mentioned = [...new Set([...(field ? [field] : []), ...extractEmails(p.bio)])].filter((e) => !own.has(e));
  return { own: [...own], mentioned };
}

/** The profile's own sites: its website field and a Bluesky handle on its own domain. */
export function profileSites(p: Pick<IdentityProfile, "website" | "network" | "handle">): string[] {
  const site = p.website ? normalizeWebsite(p.website) : null;
  const domain = blueskyDomain(p.network, p.handle);
  return [...new Set([site, domain].filter((s): s is string => !!s))];
}

/** The keys under which this profile's candidate contacts are found. */
export function lookupKeys(p: IdentityProfile): Key[] {
  const keys: Key[] = [];
  const { own, mentioned } = profileEmails(p);
  for (const e of [...own, ...mentioned]) keys.push({ kind: "email", value: e });
  const sites = profileSites(p);
  for (const w of new Set([...sites, ...extractLinks(p.bio).flatMap((l) => [l, hostOf(l)])]))
    keys.push({ kind: "website", value: w });
  // Who else uses the host of the profile's own site (colleagues, the company).
  for (const host of new Set(sites.map(hostOf))) keys.push({ kind: "domain", value: domainKey(host) });
  const handle = normalizeHandle(p.handle);
  if (handle) {
    keys.push({ kind: "declared", value: `${p.network}:${handle}` });
    keys.push({ kind: "handle", value: handle });
    const local = handleLocalPart(handle);
    if (local && local.length >= 3) keys.push({ kind: "handle", value: local });
    const compact = compactHandle(handle);
    if (compact.length >= 4) keys.push({ kind: "compact", value: compact });
  }
  const name = p.displayName?.trim() ? p.displayName : null;
  if (name) {
    const nk = nameKey(name);
    if (nk) keys.push({ kind: "name", value: nk });
    const ik = initialKey(name);
    if (ik) keys.push({ kind: "initial", value: ik });
    const pairs = canonicalPairKeys(name);
    for (const pair of pairs) keys.push({ kind: "canon", value: canonKey(pair) });
    const city = cityOf(p.location);
    if (city) for (const pair of pairs.slice(0, 4)) keys.push({ kind: "place", value: placeKey(city, pair) });
    // A one-word display name ("Maya") says too little to look anyone up by; single name
    // tokens are not looked up either: at 100,000 contacts they bring hundreds of strangers.
  }
  const seen = new Set<string>();
  return keys.filter((k) => !seen.has(`${k.kind}:${k.value}`) && !!seen.add(`${k.kind}:${k.value}`));
}

/** How alike two names are, 0 to 1, with the words to say so. */
export function nameSimilarity(a: string, b: string): { score: number; text: string } {
  return namesAlike(a, b);
}

/** What a candidate brings to every comparison, computed once per candidate and profile. */
interface PreparedContact {
  c: CandidateContact;
  emails: Set<string>;
  sites: Set<string>;
  /** Hosts of its websites and domains of its (non-free) e-mail addresses. */
  hosts: Set<string>;
}

// A batch's candidates are shared by the profiles that found them: prepared once each.
const preparedContacts = new WeakMap<CandidateContact, PreparedContact>();

function prepareContact(c: CandidateContact): PreparedContact {
  const known = preparedContacts.get(c);
  if (known) return known;
  const emails = new Set(c.emails.map((e) => normalizeEmail(e)).filter((e): e is string => !!e));
  const sites = new Set(c.websites.map((w) => normalizeWebsite(w)).filter((w): w is string => !!w));
  const hosts = new Set([
    ...[...sites].map(hostOf),
    ...[...emails].map(emailDomain).filter((d) => !isFreeMailDomain(d)),
  ]);
  const prepared = { c, emails, sites, hosts };
  preparedContacts.set(c, prepared);
  return prepared;
}

/** Whether another stored profile using this evidence is somebody other than the contact. */
function usedByAnother(others: OtherProfile[], contact: CandidateContact, uses: (o: OtherProfile) => boolean): boolean {
  return others.some(
    (o) =>
      uses(o) && o.contactId !== contact.id && !(o.displayName && namesAlike(o.displayName, contact.name).score >= 0.8),
  );
}

/** Why a site cannot identify its one holder, or null when it can. */
function siteNotPersonal(
  site: string,
  holder: PreparedContact,
  all: PreparedContact[],
  others: OtherProfile[],
): string | null {
  const host = hostOf(site);
  if (isPlatformPage(site)) return `${site} is a page on a platform`;
  if (isNewsHost(host)) return `${host} is a news outlet`;
  if (companyOwnsHost(holder.c.company, host))
    return `${host} is the site of ${holder.c.name}'s company (${holder.c.company})`;
  const colleagues = all.filter((x) => x !== holder && x.hosts.has(host));
  if (colleagues.length)
    return `${host} is also used by ${colleagues.length === 1 ? "another contact" : `${colleagues.length} other contacts`}`;
  if (
    usedByAnother(
      others,
      holder.c,
      (o) => (!!o.website && (o.website === site || hostOf(o.website) === host)) || o.domain === host,
    )
  )
    return `${host} is also used by another profile`;
  // The host of the contact's work address is an organisation's, unless it spells their name.
  const spells = siteSpellsName(site, compactForms(holder.c.name), nameVariants(holder.c.name)[0] ?? []);
  if ([...holder.emails].some((e) => emailDomain(e) === host) && !spells)
    return `${host} is the domain of ${holder.c.name}'s work e-mail`;
  return null;
}

interface Strong {
  code: "email" | "website" | "declared-handle";
  text: string;
  contacts: string[];
  /** Why it cannot link on its own (shared, an organisation's, …); null when it can. */
  weak: string | null;
}

function strongEvidence(p: IdentityProfile, prepared: PreparedContact[], others: OtherProfile[]): Strong[] {
  const out: Strong[] = [];
  const { own } = profileEmails(p);
  for (const e of own) {
    const holders = prepared.filter((x) => x.emails.has(e));
    if (!holders.length) continue;
    const text = `profile e-mail ${e}`;
    const weak = isRoleMailbox(e)
      ? `${e} is a team mailbox`
      : isHouseholdMailbox(e)
        ? `${e} is a household's mailbox`
        : holders.length > 1
          ? `${e} is shared by ${holders.length} contacts`
          : usedByAnother(others, holders[0].c, (o) => o.email === e)
            ? `${e} is also used by another profile`
            : null;
    out.push({ code: "email", text, contacts: holders.map((h) => h.c.id), weak });
  }
  for (const site of profileSites(p)) {
    const holders = prepared.filter((x) => x.sites.has(site));
    if (!holders.length) continue;
    const text =
      site === blueskyDomain(p.network, p.handle) ? `Bluesky handle on the domain ${site}` : `profile website ${site}`;
    const weak =
      holders.length > 1
        ? `${site} is listed by ${holders.length} contacts`
        : siteNotPersonal(site, holders[0], prepared, others);
    out.push({ code: "website", text, contacts: holders.map((h) => h.c.id), weak });
  }
  const handle = normalizeHandle(p.handle);
  if (handle) {
    const holders = prepared.filter((x) => (x.c.handles[p.network] ?? []).includes(handle));
    if (holders.length) {
      out.push({
        code: "declared-handle",
        text: `declared ${p.network} handle @${handle}`,
        contacts: holders.map((h) => h.c.id),
        weak: holders.length > 1 ? `@${handle} is declared by ${holders.length} contacts` : null,
      });
    }
  }
  // Personal evidence still does not link a profile that presents somebody else.
  const parody = isParodyOrFan(p);
  for (const s of out) {
    if (s.weak || s.contacts.length !== 1) continue;
    const holder = prepared.find((x) => x.c.id === s.contacts[0])!.c;
    if (parody) s.weak = "the profile is a parody, fan or tribute account";
    else if (anotherPerson(p.displayName ?? "", holder.name))
      s.weak = `the profile names someone else (“${p.displayName}”)`;
  }
  return out;
}

/** What a profile brings to every comparison, computed once per profile. */
interface PreparedProfile {
  p: IdentityProfile;
  handle: string;
  local: string;
  compact: string;
  bioLinks: string[];
  mentioned: string[];
}

function contactHandlesElsewhere(c: CandidateContact, network: string): Array<{ network: string; handle: string }> {
  return [
    ...c.linkedHandles.filter((l) => l.network !== network),
    ...Object.entries(c.handles)
      .filter(([n]) => n !== network)
      .flatMap(([n, list]) => list.map((handle) => ({ network: n, handle }))),
  ];
}

function score(pp: PreparedProfile, x: PreparedContact): Suggestion {
  const { p } = pp;
  const c = x.c;
  const reasons: Reason[] = [];
  let total = 0;
  const byName = p.displayName ? namesAlike(p.displayName, c.name) : { score: 0, text: "" };
  const byHandle = pp.compact.length >= 4 && compactForms(c.name).includes(pp.compact) ? 0.8 : 0;
  const nameScore = Math.max(byName.score, byHandle);
  if (nameScore >= NAME_MATCH) {
    total += 0.5 * nameScore;
    reasons.push({
      code: "name",
      text: byName.score >= byHandle ? `${byName.text}: “${p.displayName}”` : `handle @${pp.handle} spells the name`,
    });
  } else if (p.displayName && firstOnly(p.displayName, c.name)) {
    total += 0.1;
    reasons.push({ code: "first-name", text: `first name only: “${p.displayName}”` });
  }
  const elsewhere = contactHandlesElsewhere(c, p.network).filter((l) => {
    const theirs = normalizeHandle(l.handle);
    const theirLocal = handleLocalPart(theirs) ?? theirs;
    return theirs === pp.handle || theirLocal === pp.local;
  });
  if (pp.local.length >= 3 && elsewhere.length) {
    total += 0.35;
    reasons.push({
      code: "handle-elsewhere",
      text: `same handle @${pp.local} on ${[...new Set(elsewhere.map((l) => l.network))].join(", ")}`,
    });
  }
  const place = nameScore >= NAME_MATCH ? sameCity(p.location ?? "", c.location ?? "") : null;
  if (place === true) {
    total += 0.25;
    reasons.push({ code: "name-location", text: `name plus location: ${p.location}` });
  } else if (place === false) {
    total -= 0.1;
    reasons.push({ code: "other-location", text: `lives elsewhere (${p.location} vs ${c.location})` });
  }
  // A bio link to the contact's site, or to a page under it when the site is a bare host.
  const bioLink = pp.bioLinks.find((l) => x.sites.has(l) || (x.sites.has(hostOf(l)) && !hostOf(l).includes("/")));
  if (bioLink) {
    total += 0.35;
    reasons.push({ code: "bio-link", text: `link in bio: ${bioLink}` });
  }
  const mention = pp.mentioned.find((e) => x.emails.has(e));
  if (mention) {
    total += 0.3;
    reasons.push({ code: "bio-email", text: `${mention} appears on the profile, but not as the author's own address` });
  }
  return { contactId: c.id, score: Math.round(Math.min(0.99, total) * 1000) / 1000, reasons };
}

export function decideLink(
  p: IdentityProfile,
  candidates: CandidateContact[],
  context: LinkContext = {},
): LinkDecision {
  const prepared = candidates.map(prepareContact);
  const strong = strongEvidence(p, prepared, context.others ?? []);
  const linkTargets = new Set(strong.filter((s) => !s.weak).flatMap((s) => s.contacts));
  if (linkTargets.size === 1) {
    const contactId = [...linkTargets][0];
    // Evidence for another contact, even weak, is a conflict: an agent decides.
    const elsewhere = strong.some((s) => s.contacts.some((id) => id !== contactId) && s.contacts.length === 1);
    if (!elsewhere)
      return {
        link: {
          contactId,
          reasons: strong
            .filter((s) => !s.weak && s.contacts[0] === contactId)
            .map((s) => ({ code: s.code, text: s.text })),
        },
        suggestions: [],
      };
  }
  const handle = normalizeHandle(p.handle);
  const pp: PreparedProfile = {
    p,
    handle,
    local: handleLocalPart(handle) ?? handle,
    compact: compactHandle(p.handle),
    bioLinks: extractLinks(p.bio),
    mentioned: profileEmails(p).mentioned,
  };
  const suggestions = prepared.map((x) => score(pp, x));
  // Strong evidence that cannot decide (shared, an organisation's, conflicting) is still a good hint.
  for (const s of strong) {
    const why =
      s.weak ??
      (linkTargets.size > 1
        ? `${s.text}, but other evidence points elsewhere`
        : `${s.text}, but evidence for another contact exists`);
    for (const id of s.contacts) {
      const sug = suggestions.find((x) => x.contactId === id)!;
      sug.score = Math.round(Math.min(0.99, sug.score + (s.code === "email" ? 0.3 : 0.35)) * 1000) / 1000;
      sug.reasons.unshift({ code: s.code === "email" ? "shared-email" : "shared-evidence", text: why });
    }
  }
  return {
    link: null,
    suggestions: suggestions
      .filter((s) => s.score >= SUGGESTION_THRESHOLD)
      .sort((a, b) => b.score - a.score || a.contactId.localeCompare(b.contactId))
      .slice(0, MAX_SUGGESTIONS),
  };
}
