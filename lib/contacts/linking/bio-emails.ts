// E-mail addresses in a profile bio, and whether the bio presents each as the author's own.
// Pure.
//
// "Reach me: jane@…", "📧 jane@…", "Email me at …" present the author's own address.
// "Collabs: jess@agency…", "Management: …", "Booking: …", "PR: …", "my assistant …",
// "Orders for my daughter's art: …" quote somebody else's. Anything else (a bare address,
// "Questions? …", "Business: …") is not presented as the author's own: when in doubt, it is not.
import { foldToLatin } from "./script-fold";

const EMAIL = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g;

// What introduces the author's own address (in the clause just before it; folded to Latin).
const OWN = [
  /\b(reach|contact|email|e-mail|mail|write|message|ping|text|dm)\s+(to\s+)?me\b/,
  /\bmy\s+(e-?mail|mail|address|inbox)\b/,
  /\b(me|personal|direct)\s*[:→>]/,
  /[📧✉📩📨💌]/u,
  /^\s*(e-?mail|mail|contact|correo|courriel|kontakt)\s*[:→>-]?\s*$/,
  // Other languages: "write (to me)", "contact me", "my e-mail".
  /\b(pishite|pishi|napishite|escribeme|escribime|contactame|escreva|escreve|fala comigo|schreib mir|schreiben sie mir|ecrivez-moi|ecris-moi|contattami|scrivimi|napisz do mnie|pisz)\b/,
];

// What says the address belongs to someone else, even next to an "own" marker.
const THIRD_PARTY =
  /\b(collabs?|collaborations?|management|mgmt|manager|managed|agent|agency|represented|rep|booking|bookings|book via|press|pr|publicist|assistant|via|c\/o|label|team|business|biz|inquir\w*|enquir\w*|partnerships?|sponsor\w*|ads|orders?|for my|my (wife|husband|partner|mom|mum|mother|dad|father|daughter|son|sister|brother|boss)|married to|wife|husband|daughter|son)\b/;

export interface BioEmail {
  email: string;
  /** The bio presents it as the author's own address. */
  own: boolean;
}

/** The clause that leads up to position `at`: back to the last sentence or list break. */
function clauseBefore(bio: string, at: number): string {
  const before = bio.slice(Math.max(0, at - 80), at);
  const parts = before.split(/\n|[|•·;]|[.!?](?:\s|$)/);
  return foldToLatin(parts[parts.length - 1] ?? "");
}

export function bioEmails(bio: string | null | undefined): BioEmail[] {
  if (!bio) return [];
  const out = new Map<string, BioEmail>();
  for (const m of bio.matchAll(EMAIL)) {
    const email = m[0].toLowerCase().replace(/[.]+$/, "");
    const clause = clauseBefore(bio, m.index ?? 0);
    const own = OWN.some((re) => re.test(clause)) && !THIRD_PARTY.test(clause);
    const prev = out.get(email);
    out.set(email, { email, own: (prev?.own ?? true) && own });
  }
  return [...out.values()];
}
