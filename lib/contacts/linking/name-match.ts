// How alike two people's names are, knowing how names work: diminutives and equivalents
// (Bob = Robert, Kolya = Nikolai), transliteration (Юлия = Yulia, Iurii = Yuri), folded letters
// (ø, æ, ß, đ), Japanese and Korean romanisations, hyphens and particles (Al-Rashid =
// Alrashid, Ben Ali = Benali), married and double surnames (a shared surname part), any order,
// and initials. Pure.
import {
  canonicalGivenNames,
  canonicalSurnames,
  givenNameRelation,
  isKnownGivenName,
  sameSurnameVariant,
} from "./given-names";
import { foldToLatin } from "./script-fold";
import { jaroWinkler } from "./similarity";

// Linking compares every candidate with every author of a batch: the forms of a name and the
// spelling key of a word are computed once (bounded caches, so memory stays flat).
function memo<T>(fn: (s: string) => T, limit = 50_000): (s: string) => T {
  const cache = new Map<string, T>();
  return (s) => {
    let v = cache.get(s);
    if (v === undefined) {
      if (cache.size >= limit) cache.clear();
      v = fn(s);
      cache.set(s, v);
    }
    return v;
  };
}

// Words in display names that say nothing about who someone is.
const TITLES = new Set([
  "mr",
  "mrs",
  "ms",
  "miss",
  "mx",
  "dr",
  "prof",
  "sir",
  "dame",
  "adv",
  "eng",
  "ing",
  "the",
  "official",
  "real",
  "iam",
  "im",
  "its",
  "hon",
  "rev",
]);
// Particles of family names: dropped when comparing word by word, or joined to the next word.
const PARTICLES = new Set([
  "de",
  "da",
  "do",
  "dos",
  "das",
  "del",
  "della",
  "di",
  "du",
  "van",
  "von",
  "der",
  "den",
  "ten",
  "ter",
  "la",
  "le",
  "y",
  "e",
  "al",
  "el",
  "ul",
  "bin",
  "ibn",
  "bint",
  "ben",
  "abu",
  "mac",
  "st",
]);

function words(name: string): string[][] {
  const text = foldToLatin(name)
    .replace(/\([^)]*\)|\[[^\]]*\]/g, " ") // "(parody)", "(she/her)"
    .replace(/['’`´]s\b/g, "") // "Priya's Kitchen"
    .replace(/['’`´]/g, ""); // "O'Brien"
  // A word is a run of letters and hyphens; a hyphen joins the parts of one name.
  return (text.match(/[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*/gu) ?? [])
    .map((w) => w.split("-").filter((part) => /\p{L}/u.test(part) && !/\d/.test(part)))
    .filter((parts) => parts.length > 0);
}

/**
 * The ways a name is compared: word by word (hyphenated names split, particles dropped) and
 * with hyphenated names and particles joined ("al rashid" → "alrashid", "min-jun" → "minjun").
 */
export const nameVariants = memo(computeNameVariants);

function computeNameVariants(name: string): string[][] {
  const ws = words(name).filter((parts) => !(parts.length === 1 && TITLES.has(parts[0])));
  const split: string[] = [];
  const joined: string[] = [];
  let carry = "";
  ws.forEach((parts, i) => {
    const isParticle = parts.length === 1 && PARTICLES.has(parts[0]) && i > 0 && i < ws.length - 1;
    if (isParticle) {
      carry += parts[0];
      return;
    }
    // "al-rashid": the particle goes when compared word by word, and is joined otherwise.
    split.push(
      ...(parts.length > 1 ? parts.filter((part, k) => !(k < parts.length - 1 && PARTICLES.has(part))) : parts),
    );
    joined.push(carry + parts.join(""));
    carry = "";
  });
  const variants = [split.slice(0, 6)];
  if (joined.join(" ") !== split.join(" ")) variants.push(joined.slice(0, 6));
  return variants.filter((v) => v.length > 0);
}

/** A spelling that ignores transliteration and romanisation habits: Iurii/Yuri, Satou/Sato, Weiß/Weiss. */
export const spellingKey = memo(computeSpellingKey);

function computeSpellingKey(token: string): string {
  return token
    .replace(/sch/g, "sh")
    .replace(/tch/g, "ch")
    .replace(/kh/g, "h")
    .replace(/ph/g, "f")
    .replace(/th/g, "t")
    .replace(/ck/g, "k")
    .replace(/q/g, "k")
    .replace(/w/g, "v")
    .replace(/[yj]/g, "i")
    .replace(/([aeiou])h(?![aeiou])/g, "$1") // Satoh, Sarah
    .replace(/oo/g, "u")
    .replace(/ou/g, "o")
    .replace(/uu/g, "u")
    .replace(/ue/g, "u")
    .replace(/oe/g, "o")
    .replace(/ae/g, "a")
    .replace(/(.)\1+/g, "$1");
}

export type TokenMatch = "exact" | "equivalent" | "spelling" | "cognate" | "prefix" | "similar" | "initial";
const LEVEL: Record<TokenMatch, number> = {
  exact: 1,
  equivalent: 0.92,
  spelling: 0.9,
  cognate: 0.85,
  prefix: 0.85,
  similar: 0.8,
  initial: 0.7,
};

/** How two name words relate, or null. */
export function matchTokens(a: string, b: string): TokenMatch | null {
  if (a === b) return "exact";
  if (a.length === 1 || b.length === 1) return a[0] === b[0] ? "initial" : null;
  const given = givenNameRelation(a, b);
  if (given === "same" || sameSurnameVariant(a, b)) return "equivalent";
  const ka = spellingKey(a),
    kb = spellingKey(b);
  if (ka === kb) return "spelling";
  if (given === "cognate") return "cognate";
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  if (short.length >= 3 && long.startsWith(short)) return "prefix";
  // Jaro–Winkler ≥ 0.92 needs nearly the same length: skip the comparison otherwise.
  if (
    Math.min(ka.length, kb.length) >= 4 &&
    Math.abs(ka.length - kb.length) <= 2 &&
    (ka[0] === kb[0] || ka.slice(1) === kb.slice(1)) &&
    jaroWinkler(ka, kb) >= 0.92
  )
    return "similar";
  return null;
}

interface Alignment {
  pairs: Array<{ a: number; b: number; match: TokenMatch }>;
}

function align(a: string[], b: string[]): Alignment {
  const all: Array<{ a: number; b: number; match: TokenMatch }> = [];
  a.forEach((x, i) =>
    b.forEach((y, j) => {
      const match = matchTokens(x, y);
      if (match) all.push({ a: i, b: j, match });
    }),
  );
  all.sort((p, q) => LEVEL[q.match] - LEVEL[p.match] || p.a - q.a || p.b - q.b);
  const usedA = new Set<number>(),
    usedB = new Set<number>();
  const pairs: Alignment["pairs"] = [];
  for (const p of all) {
    if (usedA.has(p.a) || usedB.has(p.b)) continue;
    usedA.add(p.a);
    usedB.add(p.b);
    pairs.push(p);
  }
  return { pairs };
}

const TEXT: Record<TokenMatch, string> = {
  exact: "same name",
  equivalent: "same given name or family name in another form",
  spelling: "same name, spelled or transliterated differently",
  cognate: "the same name in another language",
  prefix: "shortened name",
  similar: "similar spelling",
  initial: "same initial and family name",
};

function scoreWords(a: string[], b: string[]): { score: number; weakest: TokenMatch } | null {
  const short = Math.min(a.length, b.length);
  if (short < 2) return null;
  const { pairs } = align(a, b);
  if (pairs.length < 2 || pairs.every((p) => p.match === "initial")) return null;
  const covered = pairs.length >= short;
  // Two names sharing two words but each with a different last word are different people.
  if (!covered && !pairs.some((p) => p.a === a.length - 1 || p.b === b.length - 1)) return null;
  const weakest = pairs.reduce((w, p) => (LEVEL[p.match] < LEVEL[w] ? p.match : w), "exact" as TokenMatch);
  const mean = pairs.reduce((s, p) => s + LEVEL[p.match], 0) / pairs.length;
  const score = mean * (covered ? 1 : 0.85) * (a.length === b.length ? 1 : 0.97);
  return { score: Math.round(score * 1000) / 1000, weakest };
}

/** How alike two names are, 0 to 1, with the words to say so. */
export function compareNames(a: string, b: string): { score: number; text: string } {
  let best: { score: number; weakest: TokenMatch; extra: boolean } | null = null;
  for (const va of nameVariants(a)) {
    for (const vb of nameVariants(b)) {
      const s = scoreWords(va, vb);
      if (s && (!best || s.score > best.score)) best = { ...s, extra: va.length !== vb.length };
    }
  }
  if (!best) return { score: 0, text: "" };
  const text =
    best.weakest === "exact" && best.extra ? "same name, with a middle name or second family name" : TEXT[best.weakest];
  return { score: best.score, text };
}

/** Whether a one-word display name is the contact's given name ("Lucas" for Lucas Oliveira). */
export function firstNameOnly(display: string, contactName: string): boolean {
  const d = nameVariants(display)[0] ?? [];
  const c = nameVariants(contactName)[0] ?? [];
  if (d.length !== 1 || c.length < 2 || d[0].length < 2) return false;
  const m = matchTokens(d[0], c[0]);
  return m === "exact" || m === "equivalent" || m === "spelling";
}

const latinWord = (t: string) => /^[a-z]+$/.test(t);

/**
 * Whether a display name names somebody other than the contact: Luca Rossi on Maria Rossi's
 * family address, Tom Reyes with Jane Whitaker's company site. True when none of the
 * contact's given names appears, and the display name carries a known given name, or shares
 * the family name but adds another word (a relative). Unknown scripts prove nothing either way.
 */
export function presentsAnotherPerson(display: string | null, contactName: string): boolean {
  if (!display?.trim()) return false;
  // Han, kana and Hangul names are romanised too approximately to tell two people apart.
  if (/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u.test(display)) return false;
  if (compareNames(display, contactName).score >= 0.8) return false;
  const shown = (nameVariants(display)[0] ?? []).filter(latinWord);
  const theirs = (nameVariants(contactName)[0] ?? []).filter(latinWord);
  if (!shown.length || !theirs.length) return false;
  const given = theirs.filter(isKnownGivenName);
  const contactGiven = given.length ? given : theirs.length >= 2 ? [theirs[0]] : theirs;
  const matched = new Set<string>();
  for (const s of shown) if (theirs.some((t) => matchTokens(s, t))) matched.add(s);
  if (contactGiven.some((g) => shown.some((s) => matchTokens(s, g)))) return false;
  const unmatched = shown.filter((s) => !matched.has(s));
  if (unmatched.some((s) => isKnownGivenName(s) && s.length >= 2)) return true;
  return matched.size > 0 && unmatched.length > 0;
}

const PARODY =
  /\b(parody|parodie|parodia|satire|satirical|fan ?(club|page|account|acct)|fans|fanpage|fanclub|tribute|unofficial|not affiliated|impersonat\w*|fake|stan account)\b/i;

/** A parody, fan or tribute account: it may use the person's name and site, and is not them. */
export function isParodyOrFan(p: { displayName: string | null; bio: string | null; handle: string }): boolean {
  const text = `${p.displayName ?? ""} ${p.bio ?? ""}`;
  return (
    PARODY.test(foldToLatin(text)) ||
    /^\s*not\s/i.test(p.displayName ?? "") ||
    /(parody|fans?club|fanpage|^not[a-z])/i.test(p.handle.replace(/[^a-z]/gi, ""))
  );
}

/**
 * The keys a name is looked up by, one per pair of its words in a canonical form (given-name
 * family head, family-name romanisation, spelling key), in any order: "Bob Day" and "Robert
 * Day" share "dai robert"; "María García López" is found from "María López" too.
 */
export function canonicalPairKeys(name: string, limit = 16): string[] {
  const keys = new Set<string>();
  for (const variant of nameVariants(name)) {
    const tokens = variant.filter((t) => t.length >= 2 && latinWord(t)).slice(0, 4);
    const forms = tokens.map((t) => [
      ...new Set([
        spellingKey(t),
        ...canonicalGivenNames(t).map(spellingKey),
        ...canonicalSurnames(t).map(spellingKey),
      ]),
    ]);
    for (let i = 0; i < forms.length; i++) {
      for (let j = i + 1; j < forms.length; j++) {
        for (const x of forms[i]) for (const y of forms[j]) if (x !== y) keys.add(x < y ? `${x} ${y}` : `${y} ${x}`);
      }
    }
  }
  return [...keys].slice(0, limit);
}

/** Name words squeezed into a handle: "janedoe", "doejane", "jdoe", "janed" (folded to Latin). */
export function compactNameForms(name: string): string[] {
  const tokens = (nameVariants(name)[0] ?? []).filter(latinWord);
  if (tokens.length < 2) return [];
  const first = tokens[0],
    last = tokens[tokens.length - 1];
  return [...new Set([first + last, last + first, first[0] + last, first + last[0]])].filter((c) => c.length >= 4);
}
