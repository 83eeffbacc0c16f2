// Whose a web address or mailbox is. Pure, with maintained lists.
//
// A site or mailbox only identifies a person when it is theirs alone. Organisations' domains
// (a news outlet, a platform's path-based pages, the contact's company) and shared mailboxes
// (role addresses such as info@, a family's address) say at most "someone around here".
import { foldToLatin } from "./script-fold";

// Platforms whose pages live under one host: "linktr.ee/jane" is a page on the platform's
// domain, so it is weak evidence (its subdomains, like jane.substack.com, are personal).
const PLATFORM_HOSTS = new Set([
  // link-in-bio and personal-page services
  "linktr.ee", "lnk.bio", "bio.link", "beacons.ai", "campsite.bio", "carrd.co", "about.me", "linkin.bio", "msha.ke", "taplink.cc", "solo.to",
  "hoo.be", "linkpop.com", "allmylinks.com", "withkoji.com", "koji.to", "flow.page", "tap.bio", "contactin.bio", "direct.me", "stan.store",
  // social networks and content platforms
  "twitter.com", "x.com", "instagram.com", "facebook.com", "fb.com", "youtube.com", "youtu.be", "tiktok.com", "linkedin.com", "reddit.com",
  "bsky.app", "threads.net", "mastodon.social", "pinterest.com", "snapchat.com", "twitch.tv", "discord.gg", "discord.com", "t.me", "wa.me",
  "vk.com", "ok.ru", "weibo.com", "medium.com", "substack.com", "patreon.com", "ko-fi.com", "buymeacoffee.com", "gumroad.com", "etsy.com",
  "github.com", "gitlab.com", "behance.net", "dribbble.com", "soundcloud.com", "bandcamp.com", "spotify.com", "open.spotify.com", "vimeo.com",
  "flickr.com", "deviantart.com", "artstation.com", "tumblr.com", "wordpress.com", "blogspot.com", "blogger.com", "wix.com", "wixsite.com",
  "squarespace.com", "notion.site", "notion.so", "sites.google.com", "google.com", "docs.google.com", "forms.gle", "bit.ly", "tinyurl.com",
  "onlyfans.com", "fansly.com", "cameo.com", "calendly.com", "eventbrite.com", "meetup.com", "amazon.com", "goodreads.com", "imdb.com",
  "academia.edu", "researchgate.net", "orcid.org", "scholar.google.com", "wikipedia.org", "apple.com", "podcasts.apple.com",
]);

// News outlets and wire services: their reporters share the domain, and write about people.
const NEWS_HOSTS = new Set([
  "nytimes.com", "washingtonpost.com", "wsj.com", "theguardian.com", "guardian.co.uk", "bbc.co.uk", "bbc.com", "reuters.com", "apnews.com",
  "bloomberg.com", "ft.com", "economist.com", "cnn.com", "nbcnews.com", "cbsnews.com", "abcnews.go.com", "foxnews.com", "npr.org", "usatoday.com",
  "latimes.com", "politico.com", "axios.com", "theverge.com", "techcrunch.com", "wired.com", "businessinsider.com", "forbes.com", "time.com",
  "theatlantic.com", "newyorker.com", "vox.com", "buzzfeednews.com", "huffpost.com", "independent.co.uk", "telegraph.co.uk", "thetimes.co.uk",
  "dailymail.co.uk", "mirror.co.uk", "thesun.co.uk", "sky.com", "news.sky.com", "aljazeera.com", "dw.com", "france24.com", "lemonde.fr",
  "lefigaro.fr", "liberation.fr", "spiegel.de", "zeit.de", "faz.net", "sueddeutsche.de", "welt.de", "bild.de", "elpais.com", "elmundo.es",
  "lavanguardia.com", "abc.es", "corriere.it", "repubblica.it", "lastampa.it", "publico.pt", "expresso.pt", "observador.pt", "dn.pt", "jn.pt",
  "rtp.pt", "nos.nl", "nrc.nl", "volkskrant.nl", "svt.se", "dn.se", "nrk.no", "aftenposten.no", "yle.fi", "dr.dk", "politiken.dk", "globo.com",
  "folha.uol.com.br", "estadao.com.br", "clarin.com", "lanacion.com.ar", "eluniversal.com.mx", "milenio.com", "thehindu.com",
  "timesofindia.indiatimes.com", "hindustantimes.com", "scmp.com", "japantimes.co.jp", "asahi.com", "nikkei.com", "koreaherald.com",
  "abc.net.au", "smh.com.au", "theage.com.au", "nzherald.co.nz", "cbc.ca", "theglobeandmail.com", "thestar.com", "nation.africa",
  "news24.com", "punchng.com", "vanguardngr.com", "premiumtimesng.com", "meduza.io", "kyivindependent.com", "tass.com",
  "afp.com", "efe.com", "ansa.it", "dpa.com", "bnnbloomberg.ca", "arstechnica.com", "engadget.com", "mashable.com", "vice.com", "rollingstone.com",
]);

// Free mailbox providers: an address there is personal, but the domain says nothing.
const FREE_MAIL = new Set([
  "gmail.com", "googlemail.com", "outlook.com", "hotmail.com", "hotmail.co.uk", "live.com", "msn.com", "yahoo.com", "yahoo.co.uk", "yahoo.fr",
  "yahoo.es", "ymail.com", "icloud.com", "me.com", "mac.com", "aol.com", "proton.me", "protonmail.com", "pm.me", "gmx.de", "gmx.net", "gmx.at",
  "web.de", "t-online.de", "freenet.de", "orange.fr", "free.fr", "laposte.net", "sfr.fr", "wanadoo.fr", "libero.it", "virgilio.it", "tiscali.it",
  "alice.it", "sapo.pt", "uol.com.br", "bol.com.br", "terra.com.br", "wp.pl", "o2.pl", "onet.pl", "interia.pl", "seznam.cz", "yandex.ru",
  "yandex.com", "mail.ru", "bk.ru", "inbox.ru", "list.ru", "rambler.ru", "ukr.net", "qq.com", "163.com", "126.com", "sina.com", "naver.com",
  "daum.net", "hanmail.net", "docomo.ne.jp", "ezweb.ne.jp", "softbank.ne.jp", "yahoo.co.jp", "rediffmail.com", "zoho.com", "fastmail.com",
  "hey.com", "tutanota.com", "tuta.io", "mail.com", "email.com", "telia.se", "online.no", "bluewin.ch", "hispeed.ch", "telenet.be", "skynet.be",
  "ziggo.nl", "kpnmail.nl", "btinternet.com", "sky.com", "virginmedia.com", "comcast.net", "verizon.net", "att.net", "sbcglobal.net",
]);

// Mailboxes a team or household shares: finding one on a profile says nothing about which
// person it is. Local parts with dots, dashes and pluses removed.
const ROLE_MAILBOXES = new Set([
  "info", "information", "support", "help", "helpdesk", "hello", "hi", "hey", "hola", "ola", "ciao", "bonjour", "hallo", "contact", "contacts",
  "contacto", "contato", "kontakt", "sales", "ventas", "vendas", "verkauf", "team", "office", "oficina", "ufficio", "buero", "bureau", "admin",
  "administrator", "press", "presse", "prensa", "imprensa", "stampa", "media", "pr", "marketing", "service", "services", "customerservice",
  "customercare", "care", "kundenservice", "serviceclient", "atendimento", "careers", "jobs", "recruiting", "hr", "billing", "accounts",
  "accounting", "finance", "invoices", "noreply", "donotreply", "mailer", "enquiries", "enquiry", "inquiries", "inquiry", "bookings", "booking",
  "reservations", "reservas", "reception", "frontdesk", "tips", "newstips", "news", "newsdesk", "desk", "editor", "editors", "editorial",
  "redaccion", "redazione", "redaktion", "letters", "webmaster", "postmaster", "hostmaster", "abuse", "security", "privacy", "legal", "compliance",
  "orders", "order", "shop", "store", "mail", "email", "general", "feedback", "partnerships", "partners", "partner", "collabs", "collab",
  "collaborations", "management", "mgmt", "events", "community", "social", "hq", "staff", "all", "everyone", "ops", "operations", "dispatch",
  "logistics", "sponsor", "sponsors", "sponsorships", "ads", "advertising", "business", "biz", "studio", "hire", "work", "agency", "talent",
]);

// Words that make a mailbox a household's: rossi.family@, millerhousehold@, familiaruiz@.
const HOUSEHOLD = /(family|familia|famille|familie|familj|famiglia|household|haushalt|ourhome|thehouse)/;

export const emailDomain = (email: string) => email.slice(email.lastIndexOf("@") + 1).toLowerCase();
export const emailLocal = (email: string) => email.slice(0, email.lastIndexOf("@")).toLowerCase();

// Role words that make a mailbox a team's wherever they appear as a part of the local part
// ("northwind.sales@", "press-office@", "support_emea@").
const ROLE_PARTS = new Set(["info", "support", "helpdesk", "sales", "office", "press", "team", "booking", "bookings", "reservations", "billing", "accounts",
  "admin", "enquiries", "inquiries", "marketing", "careers", "jobs", "hr", "tips", "newsdesk", "editors", "customerservice", "customercare", "noreply",
  "mgmt", "management", "partnerships", "collabs", "orders", "reception"]);

/** A mailbox a team shares (info@, support@, tips@, press@, northwind.sales@ …). */
export function isRoleMailbox(email: string): boolean {
  const raw = emailLocal(email).split("+")[0];
  const local = raw.replace(/[._-]/g, "");
  if (ROLE_MAILBOXES.has(local) || /^(no|do)?-?not?-?reply/.test(local)) return true;
  const parts = raw.split(/[._-]+/).filter(Boolean);
  return parts.length > 1 && parts.some((part) => ROLE_PARTS.has(part));
}

/** A household's shared mailbox: "rossi.family@", "familiaruiz@", "millerhousehold@". */
export function isHouseholdMailbox(email: string): boolean {
  return HOUSEHOLD.test(emailLocal(email).split("+")[0].replace(/[._-]/g, ""));
}

/** A mailbox that never identifies one person. */
export function isSharedMailbox(email: string): boolean {
  return isRoleMailbox(email) || isHouseholdMailbox(email);
}

export const isFreeMailDomain = (domain: string) => FREE_MAIL.has(domain.toLowerCase());

/** The host of a normalised website ("acme.com/jane" → "acme.com"). */
export const hostOf = (site: string) => site.split("/")[0].toLowerCase();

function within(host: string, list: Set<string>): boolean {
  for (let h = host; h.includes("."); h = h.slice(h.indexOf(".") + 1)) if (list.has(h)) return true;
  return false;
}

/** A news outlet's domain (or a subdomain of one). */
export const isNewsHost = (host: string) => within(host, NEWS_HOSTS);

/** A site that is a page on a platform's own domain ("linktr.ee/jane", "medium.com/@jane"). */
export function isPlatformPage(site: string): boolean {
  const host = hostOf(site);
  return PLATFORM_HOSTS.has(host) || PLATFORM_HOSTS.has(host.replace(/^(m|mobile|www)\./, ""));
}

// Second-level labels under which registrations sit ("co.uk", "com.br").
const SECOND_LEVEL = new Set(["co", "com", "org", "net", "ac", "gov", "edu", "ne", "or", "go", "gob", "nic"]);

/** The registered name of a host: "shop.northwind.co.uk" → "northwind". */
export function registeredLabel(host: string): string {
  const labels = host.toLowerCase().split(".").filter(Boolean);
  if (labels.length < 2) return labels[0] ?? "";
  const tld = labels.length - 1;
  const name = labels.length >= 3 && SECOND_LEVEL.has(labels[tld - 1]) && labels[tld].length === 2 ? tld - 2 : tld - 1;
  return labels[name];
}

const COMPANY_NOISE = new Set(["the", "and", "und", "et", "e", "y", "of", "inc", "ltd", "llc", "plc", "gmbh", "ag", "sa", "sas", "sarl", "srl", "spa", "bv", "nv", "ab", "as", "asa", "oy", "kk", "co", "corp", "corporation", "company", "group", "holding", "holdings", "limited", "partners", "partner"]);

/** Whether a host is the company's own domain: "Vogel & Partner" → vogelpartner.de, "El País" → elpais.com. */
export function companyOwnsHost(company: string | null | undefined, host: string): boolean {
  if (!company?.trim()) return false;
  const label = registeredLabel(host).replace(/[^a-z0-9]/g, "");
  if (label.length < 3) return false;
  const words = foldToLatin(company).split(/[^a-z0-9]+/).filter(Boolean);
  const all = words.join("");
  const significant = words.filter((w) => !COMPANY_NOISE.has(w));
  if (all.length >= 3 && (label === all || label.includes(all) || (all.includes(label) && label.length >= 4))) return true;
  if (significant.join("").length >= 3 && label.includes(significant.join(""))) return true;
  return significant.some((w) => w.length >= 3 && label.includes(w));
}

/** Whether a host or path spells the person's name ("hannahgoldberg.net", "jane.dev", "acme.com/jdoe"). */
export function siteSpellsName(site: string, nameForms: string[], nameTokens: string[]): boolean {
  const squeezed = site.replace(/[^a-z0-9]/g, "");
  return nameForms.some((f) => f.length >= 4 && squeezed.includes(f)) || nameTokens.some((t) => t.length >= 4 && registeredLabel(hostOf(site)) === t);
}
