// Writes tests/fixtures/linking-eval-hard.json: a second, harder contact-linking set.
//   npx tsx scripts/linking-eval-hard-dataset.ts
//
// Written by hand, case by case, as CRM records and social profiles look in practice, and
// labelled BEFORE the linker was run on it (its rules were not consulted to choose cases):
// international names in several scripts, company websites typed on individual records,
// shared family and team mailboxes, bio mentions of other people's e-mails (agents,
// managers, spouses), reporters and outlets, parodies and fan pages, namesakes, moved people,
// and a few positives that are hard for any rule (an uncommon diminutive, a Han-character name).
//
// Every author carries its truth: `expected` (the contact it belongs to, or null) and a
// category whose prefix says what the product should do with it:
//   "strong: …"   personal evidence (own unique e-mail, own site, declared handle): link automatically
//   "suggest: …"  the right contact is known to a human, but the evidence is not personal
//                 enough to link without an agent (names, places, org domains, bio links)
//   "negative: …" belongs to no contact: must never be linked (a suggestion is tolerable)
// and a `note` saying why. Labels follow what a careful agent would decide, not what any rule does.
import { writeFileSync } from "node:fs";
import path from "node:path";
import type { EvalContact, EvalIdentity as LabelledIdentity } from "./linking/evaluate";

// Every case of the hard set carries the note written with its truth.
type EvalIdentity = LabelledIdentity & { note: string };

const contacts: EvalContact[] = [];
const identities: EvalIdentity[] = [];

function contact(key: string, name: string, extra: Partial<Omit<EvalContact, "key" | "name">> = {}): string {
  if (contacts.some((c) => c.key === key)) throw new Error(`duplicate contact key ${key}`);
  contacts.push({ key, name, emails: [], websites: [], handles: {}, location: null, company: null, ...extra });
  return key;
}

type AuthorFields = Partial<Pick<EvalIdentity, "displayName" | "email" | "website" | "location" | "bio">> & {
  network: string;
  handle: string;
};
function author(category: string, expected: string | null, fields: AuthorFields, note: string): void {
  if (expected && !contacts.some((c) => c.key === expected)) throw new Error(`unknown contact ${expected}`);
  identities.push({
    accountId: `hard-${identities.length + 1}`,
    displayName: null,
    email: null,
    website: null,
    location: null,
    bio: null,
    ...fields,
    expected,
    category,
    note,
  });
}

// ---------------------------------------------------------------------------------------
// STRONG: the profile's own, unique e-mail field.
author(
  "strong: own e-mail field",
  contact("ingrid", "Ingrid Halvorsen", { emails: ["ingrid.halvorsen@gmail.com"], location: "Bergen" }),
  {
    network: "x",
    handle: "ingridh",
    displayName: "Ingrid 🌊",
    email: "Ingrid.Halvorsen@gmail.com",
    location: "Bergen, Norway",
  },
  "her personal address, written with capitals",
);
author(
  "strong: own e-mail field",
  contact("tomasz", "Tomasz Nowak", { emails: ["tomek.nowak84@wp.pl"], location: "Kraków" }),
  { network: "facebook", handle: "tomasz.nowak.5", displayName: "Tomek Nowak", email: "tomek.nowak84@wp.pl" },
  "Tomek is Tomasz; the address is his",
);
author(
  "strong: own e-mail field",
  contact("aisha", "Aisha Bello", {
    emails: ["aisha.bello@outlook.com"],
    company: "Zenith Bank",
    websites: ["zenithbank.com"],
    location: "Lagos",
  }),
  {
    network: "instagram",
    handle: "aishabstyle",
    displayName: "Aisha | Style & Travel",
    email: "aisha.bello@outlook.com",
    location: "Lagos 🇳🇬",
  },
  "personal address; the CRM also carries her employer's site",
);
author(
  "strong: own e-mail field",
  contact("kenji", "Kenji Watanabe", { emails: ["kenji.w@icloud.com"], location: "Osaka" }),
  { network: "mastodon", handle: "kenjiw@mstdn.jp", displayName: "渡辺 健二", email: "kenji.w@icloud.com" },
  "name in kanji, own address",
);
author(
  "strong: own e-mail field",
  contact("priya", "Priya Raghunathan", { emails: ["priya.r@proton.me"], location: "Chennai" }),
  { network: "youtube", handle: "@PriyaCooks", displayName: "Priya's Kitchen", email: "priya.r@proton.me" },
  "channel name, own address",
);
author(
  "strong: own e-mail field",
  contact("lucas", "Lucas Oliveira", {
    emails: ["lucas.oliveira@uol.com.br"],
    company: "Natura",
    websites: ["natura.com.br"],
    location: "São Paulo",
  }),
  { network: "x", handle: "lucasoliv", displayName: "Lucas", email: "lucas.oliveira@uol.com.br", location: "SP" },
  "first name only, own address",
);
author(
  "strong: own e-mail field",
  contact("emilie", "Émilie Rousseau", { emails: ["emilie.rousseau@orange.fr"], location: "Lyon" }),
  {
    network: "bluesky",
    handle: "emilierousseau.bsky.social",
    displayName: "Emilie R.",
    email: "EMILIE.ROUSSEAU@ORANGE.FR",
  },
  "upper-case address",
);
author(
  "strong: own e-mail field",
  contact("olamide", "Olamide Adeyemi", { emails: ["o.adeyemi@yahoo.com"], location: "Ibadan" }),
  { network: "reddit", handle: "throwaway_ola", email: "o.adeyemi@yahoo.com" },
  "no display name, own address",
);
author(
  "strong: own e-mail field",
  contact("wojciech", "Wojciech Zieliński", {
    emails: ["w.zielinski@tesla-logistics.pl"],
    company: "Tesla Logistics",
    location: "Poznań",
  }),
  { network: "x", handle: "wojtekz", displayName: "Wojtek Zieliński", email: "w.zielinski@tesla-logistics.pl" },
  "a personal address at his employer's domain is still his own",
);
author(
  "strong: own e-mail field",
  contact("hannah", "Hannah Goldberg", {
    emails: ["hannah@hannahgoldberg.net"],
    websites: ["hannahgoldberg.net"],
    location: "New York",
  }),
  {
    network: "x",
    handle: "hgoldberg",
    displayName: "Hannah Goldberg",
    email: "hannah@hannahgoldberg.net",
    location: "Brooklyn, NY",
  },
  "own domain and address",
);
author(
  "strong: own e-mail field",
  contact("farah", "Farah Naz", { emails: ["farahnaz.art@gmail.com"], location: "Lahore" }),
  {
    network: "instagram",
    handle: "farahnaz.art",
    displayName: "Farah Naz",
    email: "farahnaz.art@gmail.com",
    location: "Lahore",
  },
  "her own field; her mother's profile (below) also quotes it for orders",
);

// STRONG: a bio that presents the address as the author's own.
author(
  "strong: bio e-mail presented as own",
  contact("marta", "Marta Kowalczyk", { emails: ["marta.kowalczyk@gmail.com"], location: "Warsaw" }),
  {
    network: "instagram",
    handle: "marta.draws",
    displayName: "Marta ✏️",
    bio: "Illustrator. Commissions open 📧 marta.kowalczyk@gmail.com",
  },
  "📧 before her own address",
);
author(
  "strong: bio e-mail presented as own",
  contact("diego", "Diego Fernández", { emails: ["diego.fernandez.m@gmail.com"], location: "Madrid" }),
  {
    network: "x",
    handle: "dfernandezm",
    displayName: "Diego Fernández",
    bio: "Periodista freelance. Contact me: diego.fernandez.m@gmail.com",
  },
  "contact me: …",
);
author(
  "strong: bio e-mail presented as own",
  contact("sophie", "Sophie Wagner", { emails: ["sophie.wagner@gmx.de"], location: "Vienna" }),
  {
    network: "mastodon",
    handle: "sophiew@chaos.social",
    displayName: "Sophie",
    bio: "Email me at sophie.wagner@gmx.de — no DMs please",
  },
  "email me at …",
);
author(
  "strong: bio e-mail presented as own",
  contact("chiara", "Chiara Bianchi", { emails: ["chiara.bianchi88@libero.it"], location: "Milan" }),
  {
    network: "instagram",
    handle: "chiarabianchi_",
    displayName: "Chiara Bianchi",
    bio: "Milano 🇮🇹 | ✉️ chiara.bianchi88@libero.it",
  },
  "✉️ before the address",
);
author(
  "strong: bio e-mail presented as own",
  contact("nikolai-s", "Nikolai Sokolov", { emails: ["n.sokolov@yandex.ru"], location: "Saint Petersburg" }),
  { network: "x", handle: "nsokolov", displayName: "Николай Соколов", bio: "Пишите: n.sokolov@yandex.ru" },
  "Russian 'write (to me):'",
);
author(
  "strong: bio e-mail presented as own",
  contact("grace", "Grace Mwangi", { emails: ["grace.mwangi@gmail.com"], location: "Nairobi" }),
  { network: "x", handle: "gracemwangi_ke", displayName: "Grace Mwangi", bio: "Reach me → grace.mwangi@gmail.com" },
  "reach me → …",
);

// STRONG: the profile's own website is the contact's personal site.
author(
  "strong: personal website",
  contact("annika", "Annika Lindström", {
    emails: ["annika.l@telia.se"],
    websites: ["annikalindstrom.se"],
    location: "Stockholm",
  }),
  {
    network: "instagram",
    handle: "annika.ceramics",
    displayName: "Annika Lindström",
    website: "https://www.annikalindstrom.se/",
  },
  "her own domain",
);
author(
  "strong: personal website",
  contact("rafael", "Rafael Costa", { websites: ["rafaelcosta.photo"], location: "Porto" }),
  { network: "x", handle: "rafacosta", displayName: "Rafa Costa", website: "http://rafaelcosta.photo" },
  "own domain on a new TLD",
);
author(
  "strong: personal website",
  contact("moana", "Moana Kealoha", { websites: ["moanakealoha.com/blog"], location: "Honolulu" }),
  { network: "facebook", handle: "moana.kealoha", displayName: "Moana Kealoha", website: "moanakealoha.com/blog/" },
  "own blog path",
);
author(
  "strong: personal website",
  contact("felix", "Felix Braun", {
    emails: ["felix@felixbraun.dev"],
    websites: ["felixbraun.dev"],
    company: "Zalando",
    location: "Berlin",
  }),
  { network: "mastodon", handle: "felix@hachyderm.io", displayName: "Felix Braun", website: "https://felixbraun.dev" },
  "personal site, though the CRM names his employer",
);
author(
  "strong: personal website",
  contact("yasmin", "Yasmin Haddad", { websites: ["sunriseyoga.studio"], location: "Amman" }),
  {
    network: "instagram",
    handle: "sunrise.yoga.amman",
    displayName: "Yasmin | Sunrise Yoga",
    website: "sunriseyoga.studio",
  },
  "a one-person studio's site only she lists",
);
author(
  "strong: personal website",
  contact("oskar", "Oskar Nilsson", { websites: ["oskarnilsson.com"], location: "Malmö" }),
  {
    network: "youtube",
    handle: "@OskarNilssonMusic",
    displayName: "Oskar Nilsson Music",
    website: "https://oskarnilsson.com/",
  },
  "own domain",
);
author(
  "strong: personal website",
  contact("lena-h", "Lena Hoffmann", { websites: ["lenahoffmann.de"], location: "Hamburg" }),
  { network: "x", handle: "lena_hoff", website: "lenahoffmann.de" },
  "no display name, own domain",
);

// STRONG: a Bluesky custom-domain handle is the contact's own site.
author(
  "strong: bluesky domain handle",
  contact("tariq", "Tariq Hussain", { websites: ["tariqhussain.co.uk"], location: "Manchester" }),
  { network: "bluesky", handle: "tariqhussain.co.uk", displayName: "Tariq Hussain" },
  "the handle is his domain",
);
author(
  "strong: bluesky domain handle",
  contact("camille", "Camille Dubois", { websites: ["https://camilledubois.fr/"], location: "Paris" }),
  { network: "bluesky", handle: "camilledubois.fr", displayName: "Camille" },
  "the handle is her domain",
);
author(
  "strong: bluesky domain handle",
  contact("jonas", "Jonas Berg", { websites: ["jonasberg.net"], location: "Oslo" }),
  { network: "bluesky", handle: "jonasberg.net", displayName: "Jonas Berg", bio: "Designer" },
  "the handle is his domain",
);

// STRONG: a handle the contact declared for that network, often typed as a profile URL in the CRM.
author(
  "strong: declared handle",
  contact("beatriz", "Beatriz Santos", { handles: { x: ["https://twitter.com/BeaSantos_PT"] }, location: "Lisbon" }),
  { network: "x", handle: "BeaSantos_PT", displayName: "Bea" },
  "declared as a twitter.com URL",
);
author(
  "strong: declared handle",
  contact("mateusz", "Mateusz Wiśniewski", {
    handles: { mastodon: ["https://mastodon.social/@mateuszw"] },
    location: "Gdańsk",
  }),
  { network: "mastodon", handle: "mateuszw@mastodon.social", displayName: "Mateusz W" },
  "declared as a Mastodon profile URL",
);
author(
  "strong: declared handle",
  contact("ruth", "Ruth Abebe", {
    handles: { instagram: ["https://www.instagram.com/ruth.abebe/"] },
    location: "Addis Ababa",
  }),
  { network: "instagram", handle: "ruth.abebe", displayName: "Ruth ✨" },
  "declared as an Instagram URL",
);
author(
  "strong: declared handle",
  contact("gustavo", "Gustavo Pereira", {
    handles: { youtube: ["https://www.youtube.com/@GustavoPereiraTV"] },
    location: "Curitiba",
  }),
  { network: "youtube", handle: "@GustavoPereiraTV", displayName: "Gustavo Pereira TV" },
  "declared as a YouTube URL",
);
author(
  "strong: declared handle",
  contact("signe", "Signe Dahl", {
    handles: { bluesky: ["https://bsky.app/profile/signedahl.bsky.social"] },
    location: "Copenhagen",
  }),
  { network: "bluesky", handle: "signedahl.bsky.social", displayName: "Signe Dahl" },
  "declared as a bsky.app URL",
);
author(
  "strong: declared handle",
  contact("hamid", "Hamid Rezaei", {
    handles: { reddit: ["https://www.reddit.com/user/hamid_r/"] },
    location: "Tehran",
  }),
  { network: "reddit", handle: "hamid_r" },
  "declared as a reddit URL",
);
author(
  "strong: declared handle",
  contact("claire", "Claire Martin", {
    handles: { facebook: ["https://www.facebook.com/claire.martin.372"] },
    location: "Bordeaux",
  }),
  { network: "facebook", handle: "claire.martin.372", displayName: "Claire Martin" },
  "declared as a Facebook URL",
);
author(
  "strong: declared handle",
  contact("daniel-c", "Daniel Cohen", { handles: { x: ["@dcohen_tlv"] }, location: "Tel Aviv" }),
  { network: "x", handle: "DCohen_TLV", displayName: "Danny Cohen" },
  "declared with @, different case",
);
author(
  "strong: declared handle",
  contact("isabel", "Isabel Moreno", { handles: { x: ["x.com/isamoreno"] }, location: "Seville" }),
  { network: "x", handle: "isamoreno", displayName: "Isa Moreno" },
  "declared as x.com/… without scheme",
);
author(
  "strong: declared handle",
  contact("pieter", "Pieter de Vries", { handles: { mastodon: ["@pieter@mastodon.nl"] }, location: "Utrecht" }),
  { network: "mastodon", handle: "pieter@mastodon.nl", displayName: "Pieter de Vries" },
  "declared as @user@server",
);
author(
  "strong: declared handle",
  contact("sunhee", "Sun-hee Kang", { handles: { instagram: ["instagram.com/sunhee.kang"] }, location: "Seoul" }),
  { network: "instagram", handle: "sunhee.kang", displayName: "강선희" },
  "declared without scheme; name in Hangul",
);
author(
  "strong: declared handle",
  contact("valentina", "Valentina Greco", {
    handles: { x: ["https://twitter.com/valegreco?lang=en"] },
    location: "Rome",
  }),
  { network: "x", handle: "valegreco", displayName: "Vale Greco" },
  "declared URL with a query string",
);

// ---------------------------------------------------------------------------------------
// SUGGEST: given-name equivalents and diminutives (the same person; a name alone never links).
const diminutive = (key: string, name: string, location: string | null, a: AuthorFields, note: string) =>
  author("suggest: given-name equivalent", contact(key, name, { location }), a, note);
diminutive(
  "robert-f",
  "Robert Fischer",
  "Munich",
  { network: "x", handle: "bobfischer", displayName: "Bob Fischer", location: "München" },
  "Bob = Robert; München = Munich",
);
diminutive(
  "william-t",
  "William Turner",
  "Leeds",
  { network: "x", handle: "billturner_", displayName: "Bill Turner", location: "Leeds, UK" },
  "Bill = William",
);
diminutive(
  "elizabeth-c",
  "Elizabeth Carter",
  "Boston",
  { network: "instagram", handle: "lizcarterphoto", displayName: "Liz Carter", location: "Boston, MA" },
  "Liz = Elizabeth",
);
diminutive(
  "margaret-o",
  "Margaret O'Brien",
  "Dublin",
  { network: "facebook", handle: "peggy.obrien", displayName: "Peggy O'Brien", location: "Dublin" },
  "Peggy = Margaret",
);
diminutive(
  "alexander-v",
  "Alexander Volkov",
  "Moscow",
  { network: "x", handle: "sasha_volkov", displayName: "Sasha Volkov", location: "Moscow" },
  "Sasha = Alexander",
);
diminutive(
  "nikolai-i",
  "Nikolai Ivanov",
  "Kazan",
  { network: "mastodon", handle: "kolya_ivanov@mastodon.social", displayName: "Kolya Ivanov", location: "Казань" },
  "Kolya = Nikolai; Казань = Kazan",
);
diminutive(
  "jose-h",
  "José Hernández",
  "Mexico City",
  { network: "x", handle: "pepehdz", displayName: "Pepe Hernández", location: "CDMX" },
  "Pepe = José; CDMX = Mexico City",
);
diminutive(
  "francisco-r",
  "Francisco Javier Ruiz",
  "Valencia",
  { network: "instagram", handle: "pacoruiz", displayName: "Paco Ruiz", location: "Valencia" },
  "Paco = Francisco",
);
diminutive(
  "giuseppe-r",
  "Giuseppe Romano",
  "Naples",
  { network: "facebook", handle: "beppe.romano", displayName: "Beppe Romano", location: "Napoli" },
  "Beppe = Giuseppe; Napoli = Naples",
);
diminutive(
  "johannes-b",
  "Johannes Becker",
  "Cologne",
  { network: "x", handle: "hansbecker", displayName: "Hans Becker", location: "Köln" },
  "Hans = Johannes; Köln = Cologne",
);
diminutive(
  "dmitry-k",
  "Dmitry Kuznetsov",
  "Novosibirsk",
  { network: "x", handle: "dima_kuz", displayName: "Dima Kuznetsov", location: "Novosibirsk" },
  "Dima = Dmitry",
);
diminutive(
  "ekaterina-m",
  "Ekaterina Morozova",
  "Saint Petersburg",
  { network: "instagram", handle: "katya.morozova", displayName: "Katya Morozova", location: "St. Petersburg" },
  "Katya = Ekaterina",
);
diminutive(
  "anastasia-p",
  "Anastasia Popova",
  "Yekaterinburg",
  { network: "x", handle: "nastya_p", displayName: "Nastya Popova" },
  "Nastya = Anastasia; no location",
);
diminutive(
  "james-w",
  "James Whitfield",
  "Atlanta",
  { network: "x", handle: "jimwhit", displayName: "Jim Whitfield", location: "Atlanta, GA" },
  "Jim = James",
);
diminutive(
  "katherine-l",
  "Katherine Lloyd",
  "Cardiff",
  { network: "instagram", handle: "katelloyd", displayName: "Kate Lloyd", location: "Cardiff" },
  "Kate = Katherine",
);
diminutive(
  "ignacio-t",
  "Ignacio Torres",
  "Buenos Aires",
  { network: "x", handle: "nachotorres", displayName: "Nacho Torres", location: "Buenos Aires, Argentina" },
  "Nacho = Ignacio",
);
diminutive(
  "manuel-o",
  "Manuel Ortega",
  "Málaga",
  { network: "facebook", handle: "manolo.ortega", displayName: "Manolo Ortega", location: "Malaga" },
  "Manolo = Manuel",
);
diminutive(
  "ioannis-g",
  "Ioannis Georgiou",
  "Athens",
  { network: "x", handle: "yannisg", displayName: "Yannis Georgiou", location: "Athens, Greece" },
  "Yannis = Ioannis",
);
diminutive(
  "konstantinos-n",
  "Konstantinos Nikolaidis",
  "Thessaloniki",
  { network: "instagram", handle: "kostas.nik", displayName: "Kostas Nikolaidis", location: "Θεσσαλονίκη" },
  "Kostas = Konstantinos; city in Greek",
);
diminutive(
  "richard-h",
  "Richard Hale",
  "Denver",
  { network: "x", handle: "rickhale", displayName: "Rick Hale", location: "Denver, CO" },
  "Rick = Richard",
);
diminutive(
  "theodore-b",
  "Theodore Banks",
  "Portland",
  { network: "x", handle: "teddybanks", displayName: "Teddy Banks", location: "Portland, OR" },
  "Teddy = Theodore",
);
diminutive(
  "friedrich-l",
  "Friedrich Lange",
  "Leipzig",
  { network: "mastodon", handle: "fritz@norden.social", displayName: "Fritz Lange" },
  "Fritz = Friedrich; no location",
);

// SUGGEST: transliteration and script.
const script = (key: string, name: string, location: string | null, a: AuthorFields, note: string) =>
  author("suggest: transliteration or script", contact(key, name, { location }), a, note);
script(
  "yulia-s",
  "Yulia Smirnova",
  "Moscow",
  { network: "x", handle: "ysmirnova", displayName: "Юлия Смирнова", location: "Москва" },
  "Cyrillic name and city",
);
script(
  "iurii-p",
  "Iurii Petrenko",
  "Kyiv",
  { network: "x", handle: "yuri_petrenko", displayName: "Yuri Petrenko", location: "Kyiv" },
  "passport Iurii = Yuri",
);
script(
  "sergey-l",
  "Sergey Lebedev",
  "Moscow",
  { network: "facebook", handle: "sergei.lebedev", displayName: "Sergei Lebedev", location: "Moscow, Russia" },
  "Sergey = Sergei",
);
script(
  "georgios-p",
  "Georgios Papadopoulos",
  "Athens",
  { network: "instagram", handle: "g.papadopoulos", displayName: "Γιώργος Παπαδόπουλος", location: "Αθήνα" },
  "Greek script; Giorgos = Georgios; Αθήνα = Athens",
);
script(
  "mohammed-r",
  "Mohammed Al-Rashid",
  "Dubai",
  { network: "x", handle: "m_alrashid", displayName: "Muhammad Alrashid", location: "Dubai, UAE" },
  "Mohammed = Muhammad; Al-Rashid = Alrashid",
);
script(
  "mohamed-b",
  "Mohamed Benali",
  "Tunis",
  { network: "facebook", handle: "mohammed.benali", displayName: "Mohammed Ben Ali", location: "Tunis" },
  "Ben Ali = Benali",
);
script(
  "soren-j",
  "Søren Jørgensen",
  "Aarhus",
  { network: "x", handle: "soren_j", displayName: "Soren Jorgensen", location: "Aarhus" },
  "ø folded",
);
script(
  "jurgen-w",
  "Jürgen Weiß",
  "Stuttgart",
  { network: "mastodon", handle: "jweiss@social.tchncs.de", displayName: "Juergen Weiss", location: "Stuttgart" },
  "ü = ue, ß = ss",
);
script(
  "djordje-m",
  "Đorđe Marković",
  "Belgrade",
  { network: "x", handle: "djordje_m", displayName: "Djordje Markovic", location: "Belgrade" },
  "đ = dj",
);
script(
  "lukasz-w",
  "Łukasz Wróbel",
  "Wrocław",
  { network: "instagram", handle: "lukasz.wrobel", displayName: "Lukasz Wrobel", location: "Wroclaw" },
  "ł folded",
);
script(
  "yuki-s",
  "Yūki Satō",
  "Tokyo",
  { network: "x", handle: "yuuki_satou", displayName: "Satou Yuuki", location: "Tokyo" },
  "Japanese long vowels written ū / uu / ou, family name first",
);
script(
  "hiroshi-t",
  "Hiroshi Tanaka",
  "Nagoya",
  { network: "x", handle: "h_tanaka", displayName: "田中 宏", location: "名古屋" },
  "kanji only: hard for any rule",
);
script(
  "minjun-l",
  "Lee Min-jun",
  "Seoul",
  { network: "x", handle: "minjun_lee", displayName: "Minjun Lee", location: "Seoul" },
  "family name first in the CRM, hyphenated given name",
);
script(
  "jihoon-p",
  "Park Ji-hoon",
  "Busan",
  { network: "instagram", handle: "jihoon.park", displayName: "박지훈", location: "부산" },
  "Hangul only: Bak Jihun in Revised Romanization, Park Ji-hoon by custom",
);
script(
  "wei-z",
  "Zhang Wei",
  "Shanghai",
  { network: "x", handle: "weizhang_sh", displayName: "Wei Zhang", location: "Shanghai" },
  "name order",
);
script(
  "meiling-c",
  "Chen Mei-ling",
  "Taipei",
  { network: "facebook", handle: "meiling.chen", displayName: "Meiling Chen", location: "Taipei" },
  "hyphenated given name joined",
);
script(
  "lan-n",
  "Nguyễn Thị Lan",
  "Hanoi",
  { network: "facebook", handle: "lan.nguyen", displayName: "Lan Nguyen", location: "Hà Nội" },
  "Vietnamese diacritics, middle name dropped, Hà Nội = Hanoi",
);
script(
  "oleksandr-s",
  "Oleksandr Shevchuk",
  "Lviv",
  { network: "x", handle: "o_shevchuk", displayName: "Олександр Шевчук", location: "Львів" },
  "Ukrainian Cyrillic",
);

// SUGGEST: married and double surnames.
const surname = (key: string, name: string, location: string | null, a: AuthorFields, note: string) =>
  author("suggest: married or double surname", contact(key, name, { location }), a, note);
surname(
  "maria-gl",
  "María García López",
  "Madrid",
  { network: "x", handle: "mariagarcia", displayName: "María García", location: "Madrid" },
  "first surname only",
);
surname(
  "anna-s",
  "Anna Schmidt",
  "Frankfurt",
  {
    network: "instagram",
    handle: "anna.mueller.schmidt",
    displayName: "Anna Müller-Schmidt",
    location: "Frankfurt am Main",
  },
  "married double name",
);
surname(
  "sarah-j",
  "Sarah Johnson",
  "Chicago",
  { network: "x", handle: "sarahjlee", displayName: "Sarah Johnson-Lee", location: "Chicago, IL" },
  "married, hyphenated",
);
surname(
  "anapaula-l",
  "Ana Paula Souza Lima",
  "Recife",
  { network: "instagram", handle: "anapaulalima", displayName: "Ana Lima", location: "Recife" },
  "Brazilian four-part name",
);
surname(
  "fatima-e",
  "Fatima Zahra El Amrani",
  "Casablanca",
  { network: "facebook", handle: "fatima.elamrani", displayName: "Fatima El Amrani", location: "Casablanca" },
  "compound given name dropped",
);
surname(
  "laura-t",
  "Laura Jiménez de la Torre",
  "Bogotá",
  { network: "x", handle: "lauradelatorre", displayName: "Laura de la Torre", location: "Bogota" },
  "second surname only",
);

// SUGGEST: name order and initials.
author(
  "suggest: name order or initials",
  contact("jan-k", "Kowalski, Jan", { location: "Poznań" }),
  { network: "facebook", handle: "jan.kowalski.77", displayName: "Jan Kowalski", location: "Poznan" },
  "CRM stores surname first",
);
author(
  "suggest: name order or initials",
  contact("jr-hartley", "John Robert Hartley", { location: "Bristol" }),
  { network: "x", handle: "jrhartley", displayName: "J.R. Hartley", location: "Bristol" },
  "initials",
);
author(
  "suggest: name order or initials",
  contact("olusegun-b", "Olusegun Bakare", { location: "Ibadan" }),
  { network: "x", handle: "obakare", displayName: "O. Bakare", location: "Ibadan" },
  "initial and surname",
);
author(
  "suggest: name order or initials",
  contact("thandiwe-n", "Thandiwe Nkosi", { location: "Johannesburg" }),
  { network: "instagram", handle: "t.nkosi", displayName: "T Nkosi", location: "Johannesburg, South Africa" },
  "initial without a dot",
);

// SUGGEST: namesakes; the author lives where one of them lives (that one must rank first).
contact("maria-s-porto", "Maria Silva", { location: "Porto" });
contact("maria-s-lisbon", "Maria Silva", { location: "Lisbon" });
author(
  "suggest: namesake, same city",
  "maria-s-porto",
  { network: "x", handle: "mariasilva_opo", displayName: "Maria Silva", location: "Porto, Portugal" },
  "the Porto Maria Silva",
);
author(
  "suggest: namesake, same city",
  "maria-s-lisbon",
  { network: "instagram", handle: "maria.silva.lx", displayName: "Maria Silva", location: "Lisboa" },
  "the Lisbon Maria Silva (Lisboa)",
);
contact("david-k-sea", "David Kim", { location: "Seattle" });
contact("david-k-la", "David Kim", { location: "Los Angeles" });
author(
  "suggest: namesake, same city",
  "david-k-sea",
  { network: "x", handle: "dkim_sea", displayName: "David Kim", location: "Seattle, WA" },
  "the Seattle David Kim",
);
contact("ahmed-h-cai", "Ahmed Hassan", { location: "Cairo" });
contact("ahmed-h-alx", "Ahmed Hassan", { location: "Alexandria" });
contact("ahmed-h-lon", "Ahmed Hassan", { location: "London" });
author(
  "suggest: namesake, same city",
  "ahmed-h-alx",
  { network: "facebook", handle: "ahmed.hassan.alex", displayName: "Ahmed Hassan", location: "Alexandria, Egypt" },
  "three namesakes",
);
contact("jennifer-w-nyc", "Jennifer Walsh", { location: "New York" });
contact("jennifer-w-bos", "Jennifer Walsh", { location: "Boston" });
author(
  "suggest: namesake, same city",
  "jennifer-w-nyc",
  { network: "x", handle: "jenwalsh", displayName: "Jen Walsh", location: "NYC" },
  "Jen = Jennifer; NYC = New York",
);
contact("thomas-m-muc", "Thomas Müller", { location: "Munich" });
contact("thomas-m-ber", "Thomas Müller", { location: "Berlin" });
author(
  "suggest: namesake, same city",
  "thomas-m-muc",
  { network: "x", handle: "tmueller_muc", displayName: "Thomas Mueller", location: "Munich" },
  "ü = ue",
);
contact("li-w-bj", "Li Wei", { location: "Beijing" });
contact("li-w-sg", "Li Wei", { location: "Singapore" });
author(
  "suggest: namesake, same city",
  "li-w-sg",
  { network: "instagram", handle: "weili.sg", displayName: "Wei Li", location: "Singapore" },
  "order swapped",
);
contact("juan-p-bog", "Juan Pérez", { location: "Bogotá" });
contact("juan-p-lim", "Juan Pérez", { location: "Lima" });
author(
  "suggest: namesake, same city",
  "juan-p-lim",
  { network: "x", handle: "juanperez_lima", displayName: "Juan Perez", location: "Lima, Peru" },
  "accents dropped",
);

// SUGGEST: the same handle on another network (Mastodon compared without its server).
author(
  "suggest: same handle elsewhere",
  contact("noor", "Noor Khalil", { location: "Beirut", linked: [{ network: "x", handle: "noorkhalil" }] }),
  { network: "instagram", handle: "noorkhalil", displayName: "Noor" },
  "same handle as her linked X account",
);
author(
  "suggest: same handle elsewhere",
  contact("ethan", "Ethan Brooks", {
    location: "Austin",
    linked: [{ network: "bluesky", handle: "ethanbrooks.bsky.social" }],
  }),
  { network: "x", handle: "ethanbrooks", displayName: "Ethan B" },
  "Bluesky handle's first label",
);
author(
  "suggest: same handle elsewhere",
  contact("marek", "Marek Horváth", {
    location: "Bratislava",
    linked: [{ network: "mastodon", handle: "marekh@fosstodon.org" }],
  }),
  { network: "x", handle: "marekh", displayName: "Marek H." },
  "Mastodon local part",
);
author(
  "suggest: same handle elsewhere",
  contact("chloe", "Chloé Lambert", { location: "Marseille", linked: [{ network: "x", handle: "chloelambert" }] }),
  { network: "mastodon", handle: "chloelambert@piaille.fr", displayName: "Chloé" },
  "Mastodon local part equals her X handle",
);
author(
  "suggest: same handle elsewhere",
  contact("bongani", "Bongani Dube", {
    location: "Durban",
    linked: [{ network: "instagram", handle: "bongani.dube" }],
  }),
  { network: "facebook", handle: "bongani.dube", displayName: "Bongani Dube" },
  "same handle and name",
);
author(
  "suggest: same handle elsewhere",
  contact("irene", "Irene Costa", { handles: { x: ["irenecosta"] }, location: "Genoa" }),
  { network: "bluesky", handle: "irenecosta.bsky.social", displayName: "Irene" },
  "declared X handle, Bluesky first label",
);

// SUGGEST: a link in the bio to the contact's site, on any top-level domain.
author(
  "suggest: bio link",
  contact("mila", "Mila Novak", { websites: ["milanovak.art"], location: "Ljubljana" }),
  { network: "instagram", handle: "mila.paints", displayName: "Mila", bio: "Painter • Ljubljana • milanovak.art" },
  ".art",
);
author(
  "suggest: bio link",
  contact("kwame", "Kwame Asante", { websites: ["kwameasante.xyz"], location: "Accra" }),
  { network: "x", handle: "kwame_a", displayName: "Kwame", bio: "Builder. Writing at https://kwameasante.xyz/posts" },
  ".xyz with a path",
);
author(
  "suggest: bio link",
  contact("sofia-r", "Sofia Russo", { websites: ["sofiarusso.photography"], location: "Turin" }),
  { network: "instagram", handle: "sofiarussoph", displayName: "Sofia R", bio: "📷 sofiarusso.photography" },
  ".photography",
);
author(
  "suggest: bio link",
  contact("henrik", "Henrik Larsen", { websites: ["larsen.blog"], location: "Aalborg" }),
  { network: "mastodon", handle: "henrik@norden.social", displayName: "Henrik", bio: "Blogging at larsen.blog" },
  ".blog",
);
author(
  "suggest: bio link",
  contact("aylin", "Aylin Demir", { websites: ["aylindemir.com.tr"], location: "Istanbul" }),
  { network: "x", handle: "aylindmr", displayName: "Aylin", bio: "İstanbul | aylindemir.com.tr" },
  ".com.tr",
);

// SUGGEST: the right person, but the evidence is an organisation's or a platform's.
contact("jane-w", "Jane Whitaker", {
  company: "Northwind Traders",
  emails: ["jane.whitaker@northwindtraders.com"],
  websites: ["northwindtraders.com"],
  location: "Seattle",
});
author(
  "suggest: organisation or platform site",
  "jane-w",
  { network: "x", handle: "janewhitaker", displayName: "Jane Whitaker", website: "https://northwindtraders.com" },
  "her company's site: a colleague could list it too",
);
author(
  "suggest: organisation or platform site",
  contact("paulo", "Paulo Mendes", { websites: ["linktr.ee/paulomendes"], location: "Belo Horizonte" }),
  {
    network: "instagram",
    handle: "paulomendes",
    displayName: "Paulo Mendes",
    website: "https://linktr.ee/paulomendes",
  },
  "link-in-bio platform page",
);
author(
  "suggest: organisation or platform site",
  contact("ines", "Inês Duarte", { company: "Lisbon Tech Week", websites: ["lisbontechweek.com"], location: "Lisbon" }),
  { network: "x", handle: "inesduarte", displayName: "Inês Duarte", website: "lisbontechweek.com", location: "Lisbon" },
  "the event she organises",
);
author(
  "suggest: organisation or platform site",
  contact("rohan", "Rohan Kapoor", { websites: ["medium.com/@rohankapoor"], location: "Pune" }),
  { network: "x", handle: "rohank", displayName: "Rohan Kapoor", website: "https://medium.com/@rohankapoor" },
  "a blogging platform page",
);
author(
  "suggest: bio e-mail not presented as own",
  contact("arjun", "Arjun Mehta", { emails: ["arjun.mehta.dev@gmail.com"], location: "Bengaluru" }),
  {
    network: "youtube",
    handle: "@ArjunBuilds",
    displayName: "Arjun Mehta",
    bio: "Tech reviews every Friday. Business: arjun.mehta.dev@gmail.com",
  },
  "'Business:' may be a manager's inbox: an agent decides",
);
contact("aaron-b", "Aaron Blake", { websites: ["blakeandsons.com"], location: "Sheffield" });
author(
  "suggest: organisation or platform site",
  "aaron-b",
  {
    network: "x",
    handle: "aaronblake_",
    displayName: "Aaron Blake",
    website: "blakeandsons.com",
    location: "Sheffield",
  },
  "the family firm's site; his brother lists it too (below)",
);
author(
  "suggest: second account, name and handle",
  "farah",
  { network: "x", handle: "farahnaz_", displayName: "Farah N", bio: "art things" },
  "no evidence but the name and handle: her second account",
);

// SUGGEST: a shared family address, the name picks the person.
contact("ann-lee", "Ann Lee", { emails: ["thelees@gmail.com"], location: "Portland" });
contact("bob-lee", "Bob Lee", { emails: ["thelees@gmail.com"], location: "Portland" });
author(
  "suggest: shared family address",
  "ann-lee",
  {
    network: "facebook",
    handle: "ann.lee.pdx",
    displayName: "Ann Lee",
    email: "thelees@gmail.com",
    location: "Portland",
  },
  "family address on two contacts; name says Ann",
);
author(
  "suggest: shared family address",
  "bob-lee",
  { network: "x", handle: "boblee_pdx", displayName: "Robert Lee", email: "thelees@gmail.com" },
  "Robert = Bob",
);
contact("carlos-ruiz", "Carlos Ruiz", { emails: ["familiaruiz@hotmail.com"], location: "Valencia" });
contact("elena-ruiz", "Elena Ruiz", { emails: ["familiaruiz@hotmail.com"], location: "Valencia" });
author(
  "suggest: shared family address",
  "elena-ruiz",
  {
    network: "instagram",
    handle: "elena.ruiz.v",
    displayName: "Elena Ruiz",
    email: "familiaruiz@hotmail.com",
    location: "Valencia",
  },
  "family address on two contacts; name says Elena",
);

// SUGGEST: no display name; the handle spells the name.
author(
  "suggest: handle spells the name",
  contact("greta-l", "Greta Lindqvist", { location: "Gothenburg" }),
  { network: "reddit", handle: "gretalindqvist" },
  "handle only",
);
author(
  "suggest: handle spells the name",
  contact("omar-f", "Omar Farouk", { location: "Alexandria" }),
  { network: "x", handle: "omarfarouk_" },
  "handle only",
);
author(
  "suggest: handle spells the name",
  contact("beatrice-o", "Beatrice Okoro", { location: "Enugu" }),
  { network: "instagram", handle: "beatrice.okoro" },
  "handle only",
);

// SUGGEST, deliberately hard for any rule.
author(
  "suggest: hard",
  contact("margarida-f", "Margarida Ferreira", { location: "Braga" }),
  { network: "x", handle: "guida_f", displayName: "Guida Ferreira", location: "Braga" },
  "Guida: a Portuguese diminutive of Margarida",
);
author(
  "suggest: hard",
  contact("christopher-a", "Christopher Allen", { location: "Phoenix" }),
  { network: "x", handle: "chrisallen", displayName: "Chris Allen", location: "Austin, TX" },
  "moved city since the CRM record",
);
author(
  "suggest: hard",
  contact("xiaoming-w", "Wang Xiaoming", { location: "Shenzhen" }),
  { network: "x", handle: "xmwang", displayName: "Ming" },
  "one-word nickname",
);
author(
  "suggest: hard",
  contact("alejandro-g", "Alejandro Gómez", { location: "Rosario" }),
  { network: "instagram", handle: "alegomez88", displayName: "Ale 🇦🇷" },
  "Ale = Alejandro; handle carries the surname",
);

// ---------------------------------------------------------------------------------------
// NEGATIVE: colleagues and company accounts listing a company site typed on someone's record.
author(
  "negative: colleague with the company site",
  null,
  {
    network: "x",
    handle: "tomreyes_nw",
    displayName: "Tom Reyes",
    website: "northwindtraders.com",
    bio: "Sales @ Northwind Traders",
  },
  "Jane Whitaker's colleague",
);
contact("peter-o", "Peter Olsen", {
  company: "Fjord Analytics",
  emails: ["peter.olsen@fjordanalytics.no"],
  websites: ["fjordanalytics.no"],
  location: "Oslo",
});
author(
  "negative: colleague with the company site",
  null,
  {
    network: "x",
    handle: "kari_nordmann",
    displayName: "Kari Nordmann",
    website: "https://www.fjordanalytics.no",
    location: "Oslo",
  },
  "Peter Olsen's colleague",
);
contact("sandra-v", "Sandra Vogel", {
  company: "Vogel & Partner",
  emails: ["s.vogel@vogelpartner.de"],
  websites: ["vogelpartner.de"],
  location: "Düsseldorf",
});
author(
  "negative: colleague with the company site",
  null,
  {
    network: "x",
    handle: "mkrause",
    displayName: "Michael Krause",
    website: "vogelpartner.de",
    bio: "Steuerberater bei Vogel & Partner",
  },
  "works at Sandra Vogel's firm",
);
contact("luis-c", "Luís Carvalho", { company: "Sonae", websites: ["sonae.pt"], location: "Maia" });
author(
  "negative: colleague with the company site",
  null,
  { network: "facebook", handle: "rita.sousa.9", displayName: "Rita Sousa", website: "sonae.pt" },
  "another Sonae employee",
);
contact("kim-a", "Kim Andersson", { company: "Nordic Bikes", websites: ["nordicbikes.se"], location: "Gothenburg" });
author(
  "negative: company account",
  null,
  { network: "instagram", handle: "nordicbikes", displayName: "Nordic Bikes", website: "nordicbikes.se" },
  "the company Kim Andersson works for",
);
contact("ibrahim-d", "Ibrahim Diallo", { company: "Dakar Digital", websites: ["dakardigital.sn"], location: "Dakar" });
author(
  "negative: company account",
  null,
  {
    network: "x",
    handle: "dakardigital",
    displayName: "Dakar Digital",
    website: "https://dakardigital.sn/",
    bio: "Agence digitale",
  },
  "the agency, not Ibrahim",
);
author(
  "negative: colleague with the company site",
  null,
  { network: "x", handle: "joeblake", displayName: "Joe Blake", website: "blakeandsons.com", location: "Sheffield" },
  "Aaron Blake's brother, same family firm",
);
author(
  "negative: company account",
  null,
  { network: "bluesky", handle: "northwindtraders.com", displayName: "Northwind Traders" },
  "company's domain handle; Jane Whitaker lists the site",
);
author(
  "negative: company account",
  null,
  { network: "bluesky", handle: "fjordanalytics.no", displayName: "Fjord Analytics" },
  "company's domain handle",
);

// NEGATIVE: reporters and outlets.
contact("helen-m", "Helen Marsh", { company: "The Guardian", websites: ["theguardian.com"], location: "London" });
author(
  "negative: reporter or outlet",
  null,
  {
    network: "x",
    handle: "jdoyle_news",
    displayName: "James Doyle",
    website: "https://www.theguardian.com/profile/jamesdoyle",
    bio: "Reporter @guardian. Tips: james.doyle@theguardian.com",
  },
  "a colleague of Helen's at the same outlet",
);
contact("pablo-s", "Pablo Serrano", { company: "El País", websites: ["elpais.com"], location: "Madrid" });
author(
  "negative: reporter or outlet",
  null,
  {
    network: "x",
    handle: "lmartin_elpais",
    displayName: "Lucía Martín",
    website: "elpais.com",
    bio: "Periodista en EL PAÍS",
  },
  "same newspaper as Pablo",
);
contact("oliver-g", "Oliver Grant", {
  company: "Reuters",
  emails: ["oliver.grant@reuters.com"],
  websites: ["reuters.com"],
  location: "London",
});
author(
  "negative: reporter or outlet",
  null,
  {
    network: "x",
    handle: "reuterstech",
    displayName: "Reuters Tech News",
    email: "tips@reuters.com",
    website: "reuters.com",
  },
  "the outlet's desk",
);
contact("rachel-s", "Rachel Stein", { company: "The New York Times", websites: ["nytimes.com"], location: "New York" });
author(
  "negative: reporter or outlet",
  null,
  { network: "bluesky", handle: "nytimes.com", displayName: "The New York Times" },
  "the outlet's domain handle",
);
contact("ama-o", "Ama Owusu", { company: "Joy FM", websites: ["myjoyonline.com"], location: "Accra" });
author(
  "negative: reporter or outlet",
  null,
  {
    network: "x",
    handle: "kwame_reports",
    displayName: "Kwame Boateng",
    website: "myjoyonline.com",
    bio: "Journalist",
  },
  "another journalist at Ama's station",
);

// NEGATIVE: bios quoting somebody else's address (agents, managers, assistants, spouses).
contact("jess-t", "Jess Taylor", { company: "Bright Agency", emails: ["jess@brightagency.co"], location: "London" });
author(
  "negative: someone else's e-mail in the bio",
  null,
  {
    network: "instagram",
    handle: "lilymakesstuff",
    displayName: "Lily Evans",
    bio: "UGC creator ✨ Collabs: jess@brightagency.co",
  },
  "Jess is Lily's agent",
);
contact("mark-r", "Mark Reyes", {
  company: "Reyes Management",
  emails: ["mark@reyesmgmt.com"],
  location: "Los Angeles",
});
author(
  "negative: someone else's e-mail in the bio",
  null,
  {
    network: "youtube",
    handle: "@dannyplays",
    displayName: "Danny Plays",
    bio: "Gaming every day! Management: mark@reyesmgmt.com",
  },
  "Mark is Danny's manager",
);
contact("olivia-p", "Olivia Park", { company: "TalentCo", emails: ["olivia.park@talentco.io"], location: "Nashville" });
author(
  "negative: someone else's e-mail in the bio",
  null,
  {
    network: "x",
    handle: "sam_sings",
    displayName: "Sam Rivera",
    bio: "Singer/songwriter. Booking: olivia.park@talentco.io",
  },
  "Olivia books Sam",
);
contact("nina-p", "Nina Petrova", { emails: ["nina.petrova@gmail.com"], location: "Sofia" });
author(
  "negative: someone else's e-mail in the bio",
  null,
  {
    network: "instagram",
    handle: "little.studio",
    displayName: "Little Studio",
    bio: "Bridal makeup by Anya. Inquiries via my assistant nina.petrova@gmail.com",
  },
  "Nina is the assistant",
);
contact("chris-d", "Chris Doyle", { company: "Doyle PR", emails: ["chris@doyle-pr.com"], location: "Dublin" });
author(
  "negative: someone else's e-mail in the bio",
  null,
  { network: "x", handle: "chefmarco", displayName: "Marco Bellini", bio: "Chef. PR: chris@doyle-pr.com" },
  "Chris is Marco's PR",
);
contact("amara-o", "Amara Obi", { emails: ["amara.obi@gmail.com"], location: "Abuja" });
author(
  "negative: someone else's e-mail in the bio",
  null,
  {
    network: "x",
    handle: "tunde_writes",
    displayName: "Tunde Okafor",
    bio: "Married to the amazing Amara (amara.obi@gmail.com) 💍",
  },
  "his wife's address",
);
author(
  "negative: someone else's e-mail in the bio",
  null,
  {
    network: "x",
    handle: "farahs_mom",
    displayName: "Rukhsana Naz",
    bio: "Proud mom! Orders for my daughter's art: farahnaz.art@gmail.com",
  },
  "Farah Naz's mother",
);

// NEGATIVE: role mailboxes typed on a person's record.
contact("sven-e", "Sven Eriksson", {
  company: "Eriksson Bygg",
  emails: ["info@erikssonbygg.se"],
  location: "Västerås",
});
author(
  "negative: role mailbox",
  null,
  { network: "facebook", handle: "erikssonbygg", displayName: "Eriksson Bygg AB", email: "info@erikssonbygg.se" },
  "the firm's page",
);
contact("paula-r", "Paula Ramos", { company: "CineLatino", emails: ["press@cinelatino.org"], location: "Miami" });
author(
  "negative: role mailbox",
  null,
  { network: "x", handle: "cinelatino", displayName: "CineLatino Festival", email: "press@cinelatino.org" },
  "the festival's account",
);
contact("megan-h", "Megan Hart", { company: "Hart & Home", emails: ["hello@hartandhome.co"], location: "Bath" });
author(
  "negative: role mailbox",
  null,
  {
    network: "instagram",
    handle: "hartandhome",
    displayName: "Hart & Home",
    bio: "Interiors studio. hello@hartandhome.co",
  },
  "the studio's account",
);
contact("tom-b", "Tom Becker", { company: "Berliner Bote", emails: ["tips@berlinerbote.de"], location: "Berlin" });
author(
  "negative: role mailbox",
  null,
  { network: "x", handle: "berlinerbote", displayName: "Berliner Bote", email: "tips@berlinerbote.de" },
  "the paper's account",
);
contact("lucy-g", "Lucy Grant", { company: "Leeds Makerspace", emails: ["team@makerspace.org.uk"], location: "Leeds" });
author(
  "negative: role mailbox",
  null,
  { network: "x", handle: "leedsmakers", displayName: "Leeds Makerspace", bio: "Email team@makerspace.org.uk" },
  "the space's account",
);
contact("ravi-s", "Ravi Shah", { company: "Shah Law", emails: ["office@shahlaw.in"], location: "Mumbai" });
author(
  "negative: role mailbox",
  null,
  {
    network: "x",
    handle: "adv_meera",
    displayName: "Adv. Meera Iyer",
    bio: "Associate at Shah Law. office@shahlaw.in",
  },
  "an associate at Ravi's firm",
);
contact("kofi-b", "Kofi Boateng", {
  company: "Gold Coast Cargo",
  emails: ["accounts@goldcoastcargo.com"],
  location: "Tema",
});
contact("esi-a", "Esi Adjei", {
  company: "Gold Coast Cargo",
  emails: ["accounts@goldcoastcargo.com"],
  location: "Tema",
});
author(
  "negative: role mailbox",
  null,
  { network: "x", handle: "goldcoastcargo", displayName: "Gold Coast Cargo", email: "accounts@goldcoastcargo.com" },
  "company account; mailbox on two contacts",
);
contact("marie-l", "Marie Laurent", {
  company: "Hôtel Bel Air",
  emails: ["reservations@hotelbelair.fr"],
  location: "Paris",
});
contact("julien-p", "Julien Petit", {
  company: "Hôtel Bel Air",
  emails: ["reservations@hotelbelair.fr"],
  location: "Paris",
});
author(
  "negative: role mailbox",
  null,
  {
    network: "facebook",
    handle: "hotelbelairparis",
    displayName: "Hôtel Bel Air",
    email: "reservations@hotelbelair.fr",
  },
  "hotel page; mailbox on two contacts",
);

// NEGATIVE: family and shared addresses used by someone who is not the contact.
contact("maria-r", "Maria Rossi", { emails: ["rossi.family@gmail.com"], location: "Turin" });
author(
  "negative: family address, other member",
  null,
  {
    network: "facebook",
    handle: "luca.rossi.to",
    displayName: "Luca Rossi",
    email: "rossi.family@gmail.com",
    location: "Torino",
  },
  "Maria's husband; not in the CRM",
);
contact("karen-m", "Karen Miller", { emails: ["millerhousehold@yahoo.com"], location: "Columbus" });
author(
  "negative: family address, other member",
  null,
  { network: "x", handle: "dave_miller", displayName: "Dave Miller", email: "millerhousehold@yahoo.com" },
  "Karen's husband",
);
contact("yuki-t", "Yuki Tanaka", { emails: ["tanaka.family@docomo.ne.jp"], location: "Yokohama" });
author(
  "negative: family address, other member",
  null,
  { network: "instagram", handle: "haruto.t", displayName: "田中 陽翔", email: "tanaka.family@docomo.ne.jp" },
  "Yuki's son",
);
contact("ivo-p", "Ivo Petrov", { emails: ["sofiastudio.bg@gmail.com"], location: "Sofia" });
contact("rumen-g", "Rumen Georgiev", { emails: ["sofiastudio.bg@gmail.com"], location: "Sofia" });
author(
  "negative: family address, other member",
  null,
  { network: "x", handle: "petya_d", displayName: "Petya Dimitrova", email: "sofiastudio.bg@gmail.com" },
  "a third studio member; address on two contacts",
);
author(
  "negative: shared website",
  null,
  { network: "x", handle: "amy_carter_farm", displayName: "Amy Carter", website: "cartersfarm.co.uk" },
  "see Carter's farm below: Amy is not in the CRM",
);
contact("ben-c", "Ben Carter", { websites: ["cartersfarm.co.uk"], location: "Devon" });
contact("sue-c", "Sue Carter", { websites: ["cartersfarm.co.uk"], location: "Devon" });
author(
  "negative: shared website",
  null,
  { network: "instagram", handle: "cartersfarmshop", displayName: "Carter's Farm Shop", website: "cartersfarm.co.uk" },
  "the farm's account; site on two contacts",
);
contact("nikhil-r", "Nikhil Rao", { websites: ["raodesign.in"], location: "Hyderabad" });
contact("asha-r", "Asha Rao", { websites: ["raodesign.in"], location: "Hyderabad" });
author(
  "negative: shared website",
  null,
  { network: "x", handle: "raodesign", displayName: "Rao Design Studio", website: "raodesign.in" },
  "studio account; site on two contacts",
);

// NEGATIVE: parodies and fan pages using the real person's site.
contact("elena-v", "Elena Vasquez", {
  websites: ["elenavasquez.com"],
  handles: { x: ["elenavasquez"] },
  location: "Los Angeles",
});
author(
  "negative: parody or fan page",
  null,
  {
    network: "x",
    handle: "notelenavasquez",
    displayName: "Not Elena Vasquez (parody)",
    website: "elenavasquez.com",
    bio: "Parody account. Not affiliated.",
  },
  "parody",
);
author(
  "negative: parody or fan page",
  null,
  {
    network: "instagram",
    handle: "elenavasquezfans",
    displayName: "Elena Vasquez Fan Club",
    website: "https://elenavasquez.com",
    bio: "Fan page 💜",
  },
  "fan page",
);
contact("marcus-h", "Marcus Hill", { websites: ["marcushill.com"], location: "Atlanta" });
author(
  "negative: parody or fan page",
  null,
  { network: "x", handle: "marcushill_fc", displayName: "Marcus Hill Fans", website: "marcushill.com" },
  "fan account",
);
author(
  "negative: parody or fan page",
  null,
  {
    network: "bluesky",
    handle: "marcushill-parody.bsky.social",
    displayName: "Marcus Hill (Parody)",
    bio: "Satire. marcushill.com is the real one",
  },
  "parody",
);

// NEGATIVE: namesakes elsewhere, with nothing else in common.
const namesake = (key: string, name: string, home: string, a: AuthorFields) => {
  contact(key, name, { location: home });
  author("negative: namesake elsewhere", null, a, `a different ${name} (contact lives in ${home})`);
};
namesake("daniel-s", "Daniel Schneider", "Zurich", {
  network: "x",
  handle: "dschneider_hh",
  displayName: "Daniel Schneider",
  location: "Hamburg",
});
namesake("sara-a", "Sara Ahmed", "Toronto", {
  network: "instagram",
  handle: "sara.ahmed.khi",
  displayName: "Sara Ahmed",
  location: "Karachi",
});
namesake("john-m", "John Murphy", "Cork", {
  network: "x",
  handle: "jmurphy_syd",
  displayName: "John Murphy",
  location: "Sydney",
});
namesake("ana-c", "Ana Costa", "Luanda", {
  network: "facebook",
  handle: "ana.costa.rio",
  displayName: "Ana Costa",
  location: "Rio de Janeiro",
});
namesake("michael-c", "Michael Chen", "Vancouver", {
  network: "x",
  handle: "mchen_hk",
  displayName: "Michael Chen",
  location: "Hong Kong",
});
namesake("laura-s", "Laura Schmidt", "Graz", {
  network: "instagram",
  handle: "laura.schmidt.dd",
  displayName: "Laura Schmidt",
  location: "Dresden",
});
namesake("ali-k", "Ali Khan", "Lahore", {
  network: "x",
  handle: "alikhan_brum",
  displayName: "Ali Khan",
  location: "Birmingham, UK",
});
namesake("emma-j", "Emma Johansson", "Uppsala", {
  network: "x",
  handle: "emmaj_mpls",
  displayName: "Emma Johansson",
  location: "Minneapolis",
});
namesake("carlos-m", "Carlos Mendoza", "Quito", {
  network: "facebook",
  handle: "carlos.mendoza.htx",
  displayName: "Carlos Mendoza",
  location: "Houston",
});
namesake("olga-i", "Olga Ivanova", "Minsk", {
  network: "x",
  handle: "olga_iv",
  displayName: "Ольга Иванова",
  location: "Новосибирск",
});
namesake("peter-n", "Peter Novak", "Prague", {
  network: "reddit",
  handle: "peter_novak_nz",
  displayName: "Peter Novak",
  location: "Auckland",
});
namesake("fatma-y", "Fatma Yılmaz", "Ankara", {
  network: "instagram",
  handle: "fatmayilmaz.de",
  displayName: "Fatma Yilmaz",
  location: "Berlin",
});

// NEGATIVE: the same handle used by a different person on another network.
author(
  "negative: same handle, different person",
  null,
  { network: "instagram", handle: "leof", displayName: "Leonie Fischer", location: "Berlin" },
  `handle of ${contact("leo-f", "Leo Fontaine", { location: "Montreal", linked: [{ network: "x", handle: "leof" }] })} on X`,
);
author(
  "negative: same handle, different person",
  null,
  { network: "reddit", handle: "nadia_r", displayName: "Nadia Ross", location: "Glasgow" },
  `handle of ${contact("nadia-r", "Nadia Rahman", { location: "Dhaka", linked: [{ network: "x", handle: "nadia_r" }] })} on X`,
);
author(
  "negative: same handle, different person",
  null,
  { network: "x", handle: "valmeida", displayName: "Vanessa Almeida", location: "São Paulo" },
  `handle of ${contact("victor-a", "Victor Almeida", { location: "Lisbon", linked: [{ network: "instagram", handle: "valmeida" }] })} on Instagram`,
);
author(
  "negative: same handle, different person",
  null,
  { network: "x", handle: "tobi", displayName: "Tobi Adebayo", location: "Lagos" },
  `Mastodon local part of ${contact("tobias-k", "Tobias Klein", { location: "Bremen", linked: [{ network: "mastodon", handle: "tobi@mastodon.social" }] })}`,
);
author(
  "negative: same handle, different person",
  null,
  { network: "bluesky", handle: "hugom.bsky.social", displayName: "Hugo Moreau", location: "Paris" },
  `X handle declared by ${contact("hugo-m", "Hugo Martins", { handles: { x: ["hugom"] }, location: "Coimbra" })}`,
);

// NEGATIVE: strangers.
const stranger = (a: AuthorFields, note: string) => author("negative: stranger", null, a, note);
stranger(
  { network: "instagram", handle: "chefstable.lisbon", displayName: "Chef's Table Lisbon", location: "Lisbon" },
  "a restaurant",
);
stranger({ network: "x", handle: "carlanunes_", displayName: "Carla Nunes", location: "Faro" }, "not a customer");
stranger({ network: "x", handle: "defidegen", displayName: "DeFi Degen 🚀", bio: "NFA. DYOR." }, "anonymous");
stranger(
  { network: "facebook", handle: "ravi.patel.leicester", displayName: "Ravi Patel", location: "Leicester" },
  "not a customer",
);
stranger(
  { network: "x", handle: "priscilla_o", displayName: "Ms. Priscilla Okafor", location: "Enugu" },
  "shares a surname city with nobody",
);
stranger({ network: "mastodon", handle: "ken@mastodon.social", displayName: "Ken" }, "one-word name");
stranger({ network: "reddit", handle: "mountain_biker_92" }, "no name");
stranger(
  { network: "instagram", handle: "jiwoo.han", displayName: "한지우", location: "Incheon" },
  "Hangul name, no contact",
);
stranger(
  { network: "youtube", handle: "@TravelWithTheo", displayName: "Travel with Theo", bio: "Vlogs from 60 countries" },
  "travel vlogger",
);
stranger(
  { network: "bluesky", handle: "m-brandt.bsky.social", displayName: "Mia Brandt", location: "Vienna" },
  "not a customer",
);

const out = path.join(process.cwd(), "tests/fixtures/linking-eval-hard.json");
writeFileSync(
  out,
  JSON.stringify(
    {
      description:
        "Earshot contact-linking evaluation set, hard (written by hand in scripts/linking-eval-hard-dataset.ts; truth per case, labelled before running the linker)",
      contacts,
      identities,
    },
    null,
    1,
  ) + "\n",
);
const count = (prefix: string) => identities.filter((i) => i.category.startsWith(prefix)).length;
console.log(
  `${out}: ${contacts.length} contacts, ${identities.length} identities (${count("strong")} strong, ${count("suggest")} suggest, ${count("negative")} negative)`,
);
