// Writes tests/fixtures/linking-eval.json: our own labelled set for contact linking.
//   npx tsx scripts/linking-eval-dataset.ts
// Each identity carries the contact it truly belongs to (or none) and the situation it tests.
// Positives cover strong evidence and the weak signals agents rely on; hard negatives cover
// namesakes, the same handle owned by different people on different networks, shared company
// e-mails and websites, and strangers. A few positives are deliberately hard for any rule
// (nicknames, moved house) so the figures are not flattered.
import { writeFileSync } from "node:fs";
import path from "node:path";
import { createRandom } from "../lib/demo/random";
import type { EvalContact, EvalIdentity } from "./linking/evaluate";

const rnd = createRandom(20261127);
const FIRST = [
  "Ana",
  "Bruno",
  "Carla",
  "Diego",
  "Elena",
  "Farid",
  "Greta",
  "Hugo",
  "Ines",
  "Jonas",
  "Keiko",
  "Liam",
  "Maya",
  "Nikolai",
  "Olga",
  "Pedro",
  "Quinn",
  "Rosa",
  "Samir",
  "Tara",
  "Umar",
  "Vera",
  "Wei",
  "Ximena",
  "Yusuf",
  "Zara",
  "Amara",
  "Bjorn",
  "Chloe",
  "Dmitri",
  "Emeka",
  "Fatima",
  "Gianni",
  "Hana",
  "Ivan",
  "Julia",
  "Kofi",
  "Lucia",
  "Mateo",
  "Nadia",
];
const LAST = [
  "Almeida",
  "Becker",
  "Castro",
  "Dubois",
  "Eriksen",
  "Fischer",
  "Gomes",
  "Hansen",
  "Ibrahim",
  "Jensen",
  "Kowalski",
  "Lindqvist",
  "Moreau",
  "Nakamura",
  "Okafor",
  "Petrov",
  "Quintana",
  "Rossi",
  "Schmidt",
  "Tanaka",
  "Ueda",
  "Varga",
  "Wagner",
  "Xu",
  "Yilmaz",
  "Zhou",
  "Abbott",
  "Baptiste",
  "Chowdhury",
  "Delgado",
];
const CITIES = [
  "Lisbon",
  "Porto",
  "Berlin",
  "Hamburg",
  "Osaka",
  "Tokyo",
  "Lagos",
  "Nairobi",
  "Madrid",
  "Seville",
  "Toronto",
  "Denver",
  "Chicago",
  "Warsaw",
  "Oslo",
  "Milan",
];
const NETWORKS = ["x", "bluesky", "mastodon", "instagram", "reddit", "youtube", "facebook"] as const;
const NICK: Record<string, string> = {
  Nikolai: "Kolya",
  Dmitri: "Dima",
  Julia: "Jules",
  Gianni: "Johnny",
  Ximena: "Mena",
  Elena: "Lena",
  Ivan: "Vanya",
  Quinn: "Q",
};

const contacts: EvalContact[] = [];
const identities: EvalIdentity[] = [];
const usedNames = new Set<string>();
let n = 0;
const slug = (s: string) =>
  s
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z]/g, "");

function person(): { first: string; last: string; name: string } {
  for (;;) {
    const first = rnd.pick(FIRST),
      last = rnd.pick(LAST);
    const name = `${first} ${last}`;
    if (!usedNames.has(name)) {
      usedNames.add(name);
      return { first, last, name };
    }
  }
}

function contact(p: { first: string; last: string; name: string }, extra: Partial<EvalContact> = {}): EvalContact {
  const c: EvalContact = {
    key: `c${contacts.length + 1}`,
    name: p.name,
    emails: [`${slug(p.first)}.${slug(p.last)}${rnd.int(1, 99)}@mail.example`],
    websites: [],
    handles: {},
    location: rnd.pick(CITIES),
    company: null,
    ...extra,
  };
  contacts.push(c);
  return c;
}

function identity(category: string, expected: EvalContact | null, fields: Partial<EvalIdentity>): void {
  n++;
  identities.push({
    network: "x",
    accountId: `acct-${n}`,
    handle: `user${n}`,
    displayName: null,
    email: null,
    website: null,
    location: null,
    bio: null,
    ...fields,
    expected: expected?.key ?? null,
    category,
  });
}

const otherNetwork = (not: string) => rnd.pick(NETWORKS.filter((x) => x !== not));
const bioOf = () =>
  rnd.pick([
    "Coffee first.",
    "Frequent flyer.",
    "Dad of two, runner.",
    "Product designer.",
    "Opinions my own.",
    "Travel & food.",
    "",
  ]);

// 1. Profile e-mail equal to the contact's (strong).
for (let i = 0; i < 30; i++) {
  const p = person();
  const c = contact(p);
  identity("strong: profile e-mail", c, {
    network: rnd.pick(NETWORKS),
    handle: `${slug(p.first)}_${rnd.int(10, 999)}`,
    displayName: rnd.chance(0.5) ? p.name : p.first,
    email: c.emails[0].toUpperCase(),
    bio: bioOf(),
  });
}
// 2. E-mail written in the bio (strong).
for (let i = 0; i < 15; i++) {
  const p = person();
  const c = contact(p);
  identity("strong: e-mail in bio", c, {
    network: rnd.pick(NETWORKS),
    handle: `${slug(p.last)}${rnd.int(1, 99)}`,
    displayName: p.first,
    bio: `${bioOf()} Reach me: ${c.emails[0]}`,
  });
}
// 3. Profile website equal to one of the contact's (strong), written differently.
for (let i = 0; i < 15; i++) {
  const p = person();
  const site = `${slug(p.first)}${slug(p.last)}.example/${rnd.chance(0.5) ? "about" : ""}`;
  const c = contact(p, { websites: [site] });
  identity("strong: profile website", c, {
    network: rnd.pick(NETWORKS),
    handle: `${slug(p.first)}.${rnd.int(1, 99)}`,
    displayName: p.name,
    website: `https://www.${site.replace(/\/$/, "")}/`,
  });
}
// 4. A handle the contact declared for that network (strong).
for (let i = 0; i < 20; i++) {
  const p = person();
  const network = rnd.pick(NETWORKS);
  const handle = `${slug(p.first)}${rnd.int(100, 999)}`;
  const c = contact(p, { handles: { [network]: [handle] } });
  identity("strong: declared handle", c, {
    network,
    handle: rnd.chance(0.5) ? handle.toUpperCase() : `@${handle}`,
    displayName: rnd.chance(0.5) ? p.name : null,
  });
}
// 5. Same display name, same city (weak: suggestion).
for (let i = 0; i < 20; i++) {
  const p = person();
  const c = contact(p);
  identity("weak: same name and city", c, {
    network: rnd.pick(NETWORKS),
    handle: `${slug(p.first)}${rnd.int(1, 9999)}`,
    displayName: p.name,
    location: `${c.location}, ${rnd.pick(["PT", "DE", "JP", "US", "somewhere nice"])}`,
  });
}
// 6. Name written differently: short first name, initial, accents, surname first (weak).
for (let i = 0; i < 25; i++) {
  const p = person();
  const c = contact(p);
  const variant = i % 5;
  const displayName =
    variant === 0
      ? `${p.first.slice(0, 3)} ${p.last}`
      : variant === 1
        ? `${p.first[0]}. ${p.last}`
        : variant === 2
          ? `${p.first.toUpperCase()} ${p.last.toUpperCase()} ✈️`
          : variant === 3
            ? `${p.last}, ${p.first}`
            : `Dr ${p.first} ${p.last}`;
  identity("weak: name variant", c, {
    network: rnd.pick(NETWORKS),
    handle: `${slug(p.last)}_${rnd.int(1, 999)}`,
    displayName,
  });
}
// 7. Same handle as the contact's identity on another network (weak).
for (let i = 0; i < 15; i++) {
  const p = person();
  const handle = `${slug(p.first)}${slug(p.last).slice(0, 3)}${rnd.int(1, 99)}`;
  const home = rnd.pick(NETWORKS);
  const c = contact(p, { linked: [{ network: home, handle }] });
  identity("weak: same handle elsewhere", c, {
    network: otherNetwork(home),
    handle,
    displayName: rnd.chance(0.5) ? p.first : null,
  });
}
// 8. A link in the bio to the contact's website (weak).
for (let i = 0; i < 10; i++) {
  const p = person();
  const site = `${slug(p.last)}-studio.example`;
  const c = contact(p, { websites: [site] });
  identity("weak: link in bio", c, {
    network: rnd.pick(NETWORKS),
    handle: `${slug(p.last)}studio`,
    displayName: `${p.last} Studio`,
    bio: `Photography. Portfolio: https://${site}/work`,
  });
}
// 9. No display name, a handle that spells the name (weak).
for (let i = 0; i < 10; i++) {
  const p = person();
  const c = contact(p);
  identity("weak: handle spells name", c, {
    network: rnd.pick(NETWORKS),
    handle: `${slug(p.first)}${slug(p.last)}`,
    displayName: null,
  });
}
// 10. Deliberately hard positives: nickname, or moved city with only a first name.
for (let i = 0; i < 6; i++) {
  const first = Object.keys(NICK)[i];
  const last = rnd.pick(LAST);
  const p = { first, last, name: `${first} ${last}` };
  if (usedNames.has(p.name)) continue;
  usedNames.add(p.name);
  const c = contact(p);
  identity("hard: nickname", c, {
    network: rnd.pick(NETWORKS),
    handle: `${slug(NICK[first])}${rnd.int(1, 99)}`,
    displayName: `${NICK[first]} ${last}`,
  });
}

// Hard negatives -----------------------------------------------------------------------------
// 11. Namesakes: a contact with this name lives elsewhere; this profile is someone else.
for (let i = 0; i < 25; i++) {
  const p = person();
  const c = contact(p);
  const elsewhere = rnd.pick(CITIES.filter((x) => x !== c.location));
  identity("negative: namesake in another city", null, {
    network: rnd.pick(NETWORKS),
    handle: `${slug(p.first)}${rnd.int(1, 9999)}`,
    displayName: p.name,
    location: elsewhere,
    bio: bioOf(),
  });
}
// 12. The same handle on another network, owned by a different person.
for (let i = 0; i < 15; i++) {
  const p = person();
  const handle = `${slug(p.first)}${rnd.int(1, 99)}`;
  const home = rnd.pick(NETWORKS);
  contact(p, { linked: [{ network: home, handle }] });
  const stranger = person();
  usedNames.delete(stranger.name);
  identity("negative: same handle, different person", null, {
    network: otherNetwork(home),
    handle,
    displayName: stranger.name,
    location: rnd.pick(CITIES),
  });
}
// 13. Shared company e-mails: a team mailbox, or an address two contacts share.
for (let i = 0; i < 10; i++) {
  const company = `${rnd.pick(LAST).toLowerCase()}${i}corp.example`;
  const mailbox = `${rnd.pick(["info", "support", "hello", "sales", "team"])}@${company}`;
  contact(person(), { emails: [mailbox], company });
  const stranger = person();
  usedNames.delete(stranger.name);
  identity("negative: team mailbox", null, {
    network: rnd.pick(NETWORKS),
    handle: `${slug(stranger.first)}_at_work${i}`,
    displayName: stranger.name,
    bio: `Working at ${company}. Questions? ${mailbox}`,
  });
}
for (let i = 0; i < 10; i++) {
  const shared = `travel.desk${i}@agency.example`;
  contact(person(), { emails: [shared], company: "Agency" });
  contact(person(), { emails: [shared], company: "Agency" });
  const stranger = person();
  usedNames.delete(stranger.name);
  identity("negative: e-mail shared by two contacts", null, {
    network: rnd.pick(NETWORKS),
    handle: `agencydesk${i}`,
    displayName: stranger.name,
    email: shared,
  });
}
// 14. A company website several contacts list.
for (let i = 0; i < 10; i++) {
  const site = `bigco${i}.example`;
  for (let k = 0; k < 3; k++) contact(person(), { websites: [site], company: `BigCo ${i}` });
  const stranger = person();
  usedNames.delete(stranger.name);
  identity("negative: shared company website", null, {
    network: rnd.pick(NETWORKS),
    handle: `bigco${i}fan`,
    displayName: stranger.name,
    website: `https://${site}`,
  });
}
// 15. Strangers who resemble no contact.
for (let i = 0; i < 15; i++) {
  const stranger = person();
  usedNames.delete(stranger.name);
  identity("negative: stranger", null, {
    network: rnd.pick(NETWORKS),
    handle: `${slug(stranger.first)}${rnd.int(1000, 9999)}`,
    displayName: rnd.chance(0.5) ? stranger.name : null,
    bio: bioOf(),
  });
}

const out = path.join(process.cwd(), "tests/fixtures/linking-eval.json");
writeFileSync(
  out,
  JSON.stringify(
    {
      description:
        "Earshot contact-linking evaluation set (generated by scripts/linking-eval-dataset.ts; labels by construction)",
      contacts,
      identities,
    },
    null,
    1,
  ) + "\n",
);
const positives = identities.filter((i) => i.expected).length;
console.log(
  `${out}: ${contacts.length} contacts, ${identities.length} identities (${positives} linkable, ${identities.length - positives} hard negatives)`,
);
