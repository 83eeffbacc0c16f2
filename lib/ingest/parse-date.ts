// Dates as feeds write them, read the way a feed reader reads them. Pure.
//
// Feeds promise RFC 822 but deliver ISO 8601 without a zone, "2026-11-03 14:05", localized
// day and month names ("Ter, 03 Nov 2026", "3 de novembro de 2026", "3. März 2026"), named
// zones (EST, CEST), two-digit years and numeric day-first dates. parseFeedDate understands
// those and answers null for anything it cannot read with confidence; the caller then falls
// back (to the time the item was received), so an item is never lost for its date alone.
//
// Choices: a date without a zone is UTC (the server's own zone would make the result depend
// on where it runs); a numeric date is day-first unless that is impossible (10/31/2026),
// because month-first numeric dates are an American habit and American feeds use RFC 822;
// two-digit years follow RFC 2822 §4.3 (00–49 → 20xx, 50–99 → 19xx).

const MONTHS: Record<string, number> = {};
function months(names: string, ...aliases: string[][]): void {
  names.split(" ").forEach((name, i) => (MONTHS[name] = i + 1));
  for (const list of aliases) list.forEach((name, i) => name && (MONTHS[name] = i + 1));
}
// Full names (accents removed), then abbreviations, per language; "" where there is none.
months(
  "january february march april may june july august september october november december",
  "jan feb mar apr may jun jul aug sep oct nov dec".split(" "),
  ["", "", "", "", "", "", "", "", "sept"],
);
months(
  "janeiro fevereiro marco abril maio junho julho agosto setembro outubro novembro dezembro",
  "jan fev mar abr mai jun jul ago set out nov dez".split(" "),
);
months(
  "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre",
  "ene feb mar abr may jun jul ago sep oct nov dic".split(" "),
  ["", "", "", "", "", "", "", "", "setiembre"],
);
months(
  "janvier fevrier mars avril mai juin juillet aout septembre octobre novembre decembre",
  "janv fevr mars avr mai juin juil aout sept oct nov dec".split(" "),
  ["", "fev", "", "", "", "", "", "", "", "", "", ""],
);
months(
  "januar februar marz april mai juni juli august september oktober november dezember",
  "jan feb mar apr mai jun jul aug sep okt nov dez".split(" "),
  ["janner", "feber", "maerz", "", "", "", "", "", "", "", "", ""],
);
months(
  "gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre",
  "gen feb mar apr mag giu lug ago set ott nov dic".split(" "),
);
months(
  "januari februari maart april mei juni juli augustus september oktober november december",
  "jan feb mrt apr mei jun jul aug sep okt nov dec".split(" "),
);

/** Day names and abbreviations in the same languages (accents removed): they carry nothing. */
const DAYS = new Set(
  [
    "monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun",
    "segunda terca quarta quinta sexta sabado domingo seg ter qua qui sex sab dom feira",
    "lunes martes miercoles jueves viernes sabado domingo lun mar mie jue vie sab dom",
    "lundi mardi mercredi jeudi vendredi samedi dimanche lun mar mer jeu ven sam dim",
    "montag dienstag mittwoch donnerstag freitag samstag sonntag sonnabend mo di mi do fr sa so",
    "lunedi martedi mercoledi giovedi venerdi sabato domenica lun mar mer gio ven sab dom",
    "maandag dinsdag woensdag donderdag vrijdag zaterdag zondag ma di wo do vr za zo",
  ]
    .join(" ")
    .split(" "),
);

/** Offsets in minutes of the zone names feeds use (RFC 822's, plus common European ones). */
const ZONES: Record<string, number> = {
  z: 0,
  ut: 0,
  utc: 0,
  gmt: 0,
  wet: 0,
  est: -300,
  edt: -240,
  cst: -360,
  cdt: -300,
  mst: -420,
  mdt: -360,
  pst: -480,
  pdt: -420,
  akst: -540,
  akdt: -480,
  hst: -600,
  ast: -240,
  adt: -180,
  nst: -210,
  ndt: -150,
  bst: 60,
  ist: 330,
  west: 60,
  cet: 60,
  cest: 120,
  met: 60,
  mest: 120,
  mez: 60,
  mesz: 120,
  eet: 120,
  eest: 180,
  msk: 180,
  brt: -180,
  brst: -120,
  art: -180,
  clt: -240,
  jst: 540,
  kst: 540,
  hkt: 480,
  sgt: 480,
  awst: 480,
  acst: 570,
  acdt: 630,
  aest: 600,
  aedt: 660,
  nzst: 720,
  nzdt: 780,
};

const ISO =
  /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T\s]+(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?\s*(z|[+-]\d{2}(?::?\d{2})?)?$/i;
// One alternative per kind of token, tried in this order at each position: numeric date, time,
// French/German "14h05", zone offset, number (ordinal suffixes and a German "3." allowed), word.
const TOKEN =
  /(\d{1,4})([./-])(\d{1,2})\2(\d{1,4})(?!\d)|(\d{1,2})[:.](\d{2})(?:[:.](\d{2})(?:[.,]\d+)?)?(?=$|[^\d.])|(\d{1,2})h(\d{2})?(?![a-z])|([+-])(\d{1,2}):?(\d{2})?(?!\d)|(\d+)(?:st|nd|rd|th|er|eme|º|ª)?\.?|([a-z]+)\.?/g;

interface Parts {
  year?: number;
  month?: number;
  day?: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  offset?: number;
}

const MIN_YEAR = 1970;
const MAX_YEAR = 2200;

/** Reads a date as feeds write it; null when it cannot be read with confidence. */
export function parseFeedDate(input: string | null | undefined): Date | null {
  const text = (input ?? "").trim();
  if (!text || text.length > 200) return null;
  if (/^\d{9,13}(\.\d+)?$/.test(text)) return epoch(text);
  const iso = ISO.exec(text);
  if (iso) {
    return build({
      year: +iso[1],
      month: +iso[2],
      day: +iso[3],
      hour: +(iso[4] ?? 0),
      minute: +(iso[5] ?? 0),
      second: +(iso[6] ?? 0),
      millisecond: iso[7] ? Math.floor(Number(`0.${iso[7]}`) * 1000) : 0,
      offset: iso[8] ? offsetOf(iso[8]) : 0,
    });
  }
  return build(readParts(fold(text)));
}

/** Seconds (10 digits) or milliseconds (13) since 1970. */
function epoch(text: string): Date | null {
  const n = Number(text);
  const ms = text.split(".")[0].length >= 13 ? n : n * 1000;
  const date = new Date(ms);
  return date.getUTCFullYear() >= MIN_YEAR && date.getUTCFullYear() <= MAX_YEAR ? date : null;
}

/** Lower case, accents removed, commas as spaces. */
function fold(text: string): string {
  return text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().replace(/[,;]/g, " ");
}

function offsetOf(zone: string): number {
  if (/^z$/i.test(zone)) return 0;
  const m = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone)!;
  return (m[1] === "-" ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] ?? 0));
}

type TokenKind = "zone" | "number" | "other";

function readParts(text: string): Parts | null {
  const parts: Parts = { hour: 0, minute: 0, second: 0, millisecond: 0 };
  const numbers: number[] = [];
  const monthWords: string[] = [];
  let sawTime = false;
  let numericOffset = false;
  let previous = "other" as TokenKind;
  for (const m of text.matchAll(TOKEN)) {
    let kind = "other" as TokenKind;
    if (m[1] !== undefined) {
      if (!numericDate(parts, +m[1], +m[3], +m[4], m[1].length, m[4].length)) return null;
    } else if (m[5] !== undefined) {
      Object.assign(parts, { hour: +m[5], minute: +m[6], second: +(m[7] ?? 0) });
      sawTime = true;
    } else if (m[8] !== undefined) {
      Object.assign(parts, { hour: +m[8], minute: +(m[9] ?? 0) });
      sawTime = true;
    } else if (m[10] !== undefined) {
      const offset = (m[10] === "-" ? -1 : 1) * (Number(m[11]) * 60 + Number(m[12] ?? 0));
      // "GMT+2" is two hours ahead of GMT; a bare "+0200" is counted from UTC.
      parts.offset = (previous === "zone" ? (parts.offset ?? 0) : 0) + offset;
      numericOffset = true;
    } else if (m[13] !== undefined) {
      numbers.push(Number(m[13]));
      kind = "number";
    } else {
      const word = m[14];
      if ((word === "am" || word === "pm") && (sawTime || previous === "number")) {
        // "2 pm": the number before is the hour.
        if (!sawTime) Object.assign(parts, { hour: numbers.pop()!, minute: 0 });
        if (parts.hour < 1 || parts.hour > 12) return null;
        parts.hour = (parts.hour % 12) + (word === "pm" ? 12 : 0);
      } else if (word in ZONES) {
        // A numeric offset is exact; a name after it ("+0100 (CET)") is a comment.
        if (!numericOffset) parts.offset = ZONES[word];
        kind = "zone";
      } else if (word in MONTHS) monthWords.push(word);
      // Day names, fillers and words we don't know carry no date.
    }
    previous = kind;
  }
  if (parts.month === undefined) {
    // "mar" is March and also Tuesday in Spanish, French and Italian: a day name only when another month word is there.
    const month = monthWords.find((w) => !DAYS.has(w)) ?? monthWords[0];
    if (!month) return null;
    parts.month = MONTHS[month];
    if (!wordDayAndYear(parts, numbers)) return null;
  }
  return parts;
}

/** "03/11/2026", "3.11.26", "2026/11/03": year first when it has four digits, else day first. */
function numericDate(parts: Parts, a: number, b: number, c: number, aDigits: number, cDigits: number): boolean {
  if (aDigits === 4) Object.assign(parts, { year: a, month: b, day: c });
  else if (aDigits > 2 || (cDigits !== 4 && cDigits !== 2)) return false;
  else if (a > 12 || b <= 12) Object.assign(parts, { day: a, month: b, year: fullYear(c, cDigits) });
  else Object.assign(parts, { month: a, day: b, year: fullYear(c, cDigits) });
  return true;
}

/** With the month named: a four-digit number is the year, the first small one the day, a second small one a two-digit year. */
function wordDayAndYear(parts: Parts, numbers: number[]): boolean {
  const yearIndex = numbers.findIndex((n) => n >= 1000 && n <= 9999);
  if (yearIndex >= 0) parts.year = numbers[yearIndex];
  const small = numbers.filter((n, i) => i !== yearIndex && n <= 99);
  if (small.length === 0) return false;
  parts.day = small[0];
  if (parts.year === undefined) {
    if (small.length < 2) return false;
    parts.year = fullYear(small[1], 2);
  }
  return true;
}

function fullYear(year: number, digits: number): number {
  if (digits !== 2) return year;
  return year < 50 ? 2000 + year : 1900 + year;
}

function build(parts: Parts | null): Date | null {
  if (!parts || parts.year === undefined || parts.month === undefined || parts.day === undefined) return null;
  const { year, month, day, hour, minute, second, millisecond } = parts;
  if (year < MIN_YEAR || year > MAX_YEAR || month < 1 || month > 12 || day < 1 || day > daysIn(year, month))
    return null;
  if (hour > 24 || minute > 59 || second > 60 || (hour === 24 && (minute || second))) return null;
  const utc = Date.UTC(year, month - 1, day, hour, minute, Math.min(second, 59), millisecond);
  const offset = parts.offset ?? 0;
  if (Math.abs(offset) > 14 * 60) return null;
  return new Date(utc - offset * 60_000);
}

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}
