// Whether two free-text locations name the same city: "Porto, Portugal" and "Porto",
// "Lisboa" and "Lisbon", "München" and "Munich", "NYC" and "New York", "Москва" and "Moscow".
// Pure. The alias table holds endonyms, exonyms and common abbreviations of large cities; a
// city missing from it still matches itself in any script foldToLatin() handles.
import { foldToLatin } from "./script-fold";

// One city per line, "|" between its names; the first is the canonical one.
const ALIASES: string[] = [
  "lisbon|lisboa",
  "porto|oporto",
  "munich|munchen|muenchen",
  "cologne|koln|koeln",
  "vienna|wien",
  "prague|praha",
  "warsaw|warszawa",
  "rome|roma",
  "milan|milano",
  "naples|napoli",
  "florence|firenze",
  "turin|torino",
  "venice|venezia",
  "genoa|genova",
  "seville|sevilla",
  "brussels|bruxelles|brussel",
  "the hague|den haag|s-gravenhage",
  "copenhagen|kobenhavn",
  "gothenburg|goteborg",
  "moscow|moskva",
  "saint petersburg|st petersburg|sankt-peterburg|sankt peterburg|spb",
  "kyiv|kiev",
  "lviv|lvov|lwow",
  "athens|athina|athinai",
  "thessaloniki|salonica|salonika",
  "new york|nyc|new york city",
  "los angeles|la",
  "san francisco|sf",
  "mexico city|cdmx|ciudad de mexico|mexico df",
  "sao paulo|sampa",
  "rio de janeiro|rio",
  "beijing|peking",
  "hanoi|ha noi",
  "ho chi minh city|saigon|hcmc",
  "mumbai|bombay",
  "chennai|madras",
  "kolkata|calcutta",
  "bengaluru|bangalore",
  "frankfurt|frankfurt am main",
  "washington|washington dc",
  "johannesburg|joburg|jozi",
  "belgrade|beograd",
  "bucharest|bucuresti",
  "krakow|cracow",
  "zurich|zuerich",
  "geneva|geneve|genf",
  "antwerp|antwerpen|anvers",
  "bern|berne",
  "tel aviv|tel aviv-yafo",
  "cairo|al qahirah",
  "marseille|marseilles",
  "lyon|lyons",
  "nuremberg|nurnberg",
  "hanover|hannover",
  "gdansk|danzig",
  "yekaterinburg|ekaterinburg",
  "busan|pusan",
  "taipei|taibei",
];

const squeeze = (s: string) => s.replace(/[^a-z0-9\p{L}]/gu, "");
const aliasOf = new Map<string, string>();
for (const line of ALIASES) {
  const names = line.split("|");
  for (const n of names) aliasOf.set(squeeze(n), squeeze(names[0]));
}

const PREFIX = /^(based in|living in|lives in|from|in|near|greater|metro|downtown)\s+/;

const cities = new Map<string, string | null>();

/** The city a location names, in a canonical form: "📍 Lisboa, PT" → "lisbon". */
export function cityOf(value: string | null | undefined): string | null {
  if (!value) return null;
  let city = cities.get(value);
  if (city === undefined) {
    if (cities.size >= 50_000) cities.clear();
    city = computeCity(value);
    cities.set(value, city);
  }
  return city;
}

function computeCity(value: string): string | null {
  const folded = foldToLatin(value)
    .replace(/[^\p{L}\p{N},/|·•;&\s'-]/gu, " ")
    .trim();
  const first =
    folded
      .split(/[,/|·•;&]|\s-\s/)[0]
      ?.replace(/\s+/g, " ")
      .trim()
      .replace(PREFIX, "") ?? "";
  if (!first) return null;
  const key = squeeze(first);
  return aliasOf.get(key) ?? key;
}

/** Whether two locations are the same city (false when either says nothing). */
export function samePlace(a: string | null | undefined, b: string | null | undefined): boolean | null {
  const ca = cityOf(a),
    cb = cityOf(b);
  if (!ca || !cb) return null;
  return ca === cb;
}
