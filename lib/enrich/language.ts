// Offline language guess for posts whose network gave no language. Pure (no Next, no Prisma).
//
// Three stages, cheapest first, because enrichment runs on thousands of posts per second, and
// null rather than a guess, because a wrong language is worse than none:
//  1. The writing system decides alone where only one language uses it (Hangul, kana, Greek,
//     Hebrew, Devanagari, Thai…) or letters tell the languages apart (Ukrainian і/ї/є, Persian پ…).
//  2. Latin script: function words ("the", "und", "que", "yang"…) and a few telling letters (ñ, ß,
//     ł…). A few microseconds.
//  3. Only when those are unsure and the text has 10+ letters: tinyld's n-gram profiles, accepted
//     with a clear lead and when the function words do not point elsewhere. tinyld costs
//     70–300 µs a text (15–100 times the other stages), so it must stay off the common path.
// Languages Earshot does not answer with (Finnish, Catalan…) are recognised too, so that such a
// post gets null instead of the nearest supported language. Measured in docs/language.md
// (npm run eval:language).
import { detectAll } from "tinyld";

/** Latin-script languages answered from function words and tinyld (measured in docs/language.md). */
const LATIN_LANGUAGES = ["en", "es", "pt", "fr", "de", "it", "nl", "pl", "tr", "id", "sv", "da", "no"];
/** Languages told by their writing system. */
const SCRIPT_LANGUAGES = [
  "ru",
  "uk",
  "bg",
  "be",
  "sr",
  "mk",
  "el",
  "he",
  "ar",
  "fa",
  "ur",
  "hi",
  "bn",
  "pa",
  "gu",
  "ta",
  "te",
  "kn",
  "ml",
  "th",
  "hy",
  "ka",
  "ja",
  "ko",
  "zh",
];
export const SUPPORTED_LANGUAGES: readonly string[] = [...LATIN_LANGUAGES, ...SCRIPT_LANGUAGES];

/**
 * Latin-script languages recognised only to answer null: the first ones have function words
 * below; all are offered to tinyld, so that a Finnish post is not forced into Swedish.
 */
const UNSUPPORTED_LATIN = ["ca", "ro", "fi", "hu", "cs", "tl", "vi", "sk", "af", "et", "lv", "lt", "is", "ga"];

// The commonest words of each language, which short posts are mostly made of. A word that several
// languages share counts as a fraction for each.
const FUNCTION_WORDS: Record<string, string> = {
  en: "the and is to my you for of it in this that was with not have your are on just i me we they be been at so but can will why what where how when get got still never again thanks thank please from an our there their do does did don didn doesn isn wasn won t ve ll has had would should could all after because about any who no m as am if or up out by he she her his him them us one like now were off only than then too very over more some being a s re d into today tomorrow yes yeah great good need want always really here back time day guys thx pls",
  es: "el la de que y en los es por un una para con no mi del las muy pero lo se me al su sus está están este esta esto nos nada nadie ya hay porque qué cómo dónde cuando también todo todavía sin hace tengo vez gracias hasta fue son ustedes le les otra mis eso aún así dos",
  pt: "o a de que e do da em um uma para não com os meu minha no na mais muito é se por ao as dos das você vocês está já isso esse essa ainda nunca também mas pelo pela foi ninguém até obrigado obrigada cadê agora nem eu seu sua ele ela gente aqui tá né vez",
  fr: "le la les de et est un une pour pas que des du je en dans mon avec sur très ne au aux ce cette ces il elle on nous vous qui mais ou où sont été suis ai avez a plus jamais toujours encore rien personne pourquoi comment merci votre vos ma mes sans parce leur j qu c l d n m s",
  de: "der die das und ist nicht ich mit ein eine zu den auf für von mein meine meinen meinem sie es wir auch dem des im am an bei aus nach noch schon wieder sich kein keine keinen war hat habe haben ihr euch euer eure eurer wie was warum wo wer aber oder nur sehr immer man dass weil wegen danke bitte seit nie mir mich uns ja doch mal gibt ganz viel",
  it: "il la di che e un una per non con del della mio mia sono è ma molto anche gli nel nella lo le i da al alla ho ha hanno avete si mi ci vi ti questo questa perché come dove quando ancora sempre mai più già nessuno niente grazie vostro vostra suo sua tutto ogni volta cosa se sul sulla dal dalla l d",
  nl: "de het een en van is niet ik met op voor mijn dat te zijn ook maar wel nog naar jullie jij je we wij ze hij er al bij om aan uit geen nooit waarom hoe wat waar wie als dan heb hebben heeft was werd moet kan kunnen deze dit die door over toch bedankt alsjeblieft zo nu heel erg keer echt hele",
  pl: "i w z na się nie to że do jest jak co ale o za od po tak mnie mi mój moja moje mojego już czy dla przy bo był była było są tylko jeszcze nigdy dlaczego gdzie kiedy wam wasz wasza wasze bardzo dziękuję dzięki proszę też ten ta tym tego nikt nic który która gdy może",
  tr: "ve bir bu da de için çok ne mi mı mu mü ile ama daha gibi var yok ben sen siz biz bana beni sizin neden nasıl nerede hiç her kadar sonra önce değil şey en olarak yine hâlâ hala teşekkürler lütfen asla hep artık bile ki diye",
  id: "yang dan di ke dari ini itu tidak saya aku kami kita kalian anda untuk dengan ada sudah belum bisa akan juga lagi sangat sekali tapi karena kenapa bagaimana mana apa apakah masih terima kasih tolong dong ya banget gak nggak tak harus lebih sama mau setiap kali pada atau oleh buat udah nya",
  sv: "och att det som en är på jag inte för med har till av den ett om var vi ni de du min mitt mina er ert era kan ska hur varför vad när ingen inget aldrig fortfarande igen tack från eller men så bara också här där efter mycket man skulle hade blev fick mig oss dem sig utan någon något inga hos mot vid eftersom sedan",
  da: "og at det er en et på jeg ikke for med har til af den som de vi i du min mit mine kan skal hvor hvorfor hvad når ingen aldrig stadig igen tak fra eller men så bare også her der efter meget mig os dem sig jer jeres nogen noget ud",
  no: "og at det er en et på jeg ikke for med har til av den som de vi i du min mitt mine kan skal hvor hvorfor hva når ingen aldri fortsatt igjen takk fra eller men så bare også her der etter mye meg oss dem seg dere deres noen noe ut",
  // Unsupported, known so that their posts are not taken for a supported language.
  ca: "el la els les de del dels i que a en un una per amb no és són em meu meva meus meves seu seva aquest aquesta això molt però perquè quan també encara ja mai res ningú cap hi ha han hem heu tinc fa cop us ens",
  ro: "și în nu de la cu pe o un una că să am ai are este sunt mai din pentru dar ce când unde meu mea mei nici niciodată iar încă după",
  fi: "ja on ei en se että ole oli olen mutta kun niin kuin jo vielä nyt mitään miksi missä mikä kuka tämä tuo he me te minä sinä hän minun sinun teidän koska tai vain myös kanssa kiitos",
  hu: "a az és nem hogy van egy de meg már is csak még mert mint mi ki ez itt ott volt lesz nincs miért hol mikor köszönöm kérem nagyon sem vagy",
  cs: "a je se na v ve že to s z do jsem jsi jsou není ale tak jak co proč kde kdy už ještě nikdy mě mi můj moje pro od po o by byl byla bylo děkuji",
  tl: "ang ng sa na mga ay at ko mo siya kami tayo namin natin hindi wala may ako ikaw po yung lang pa ba naman kasi dahil bakit nasaan salamat",
};

const WORD_INDEX = new Map<string, string[]>();
for (const [lang, words] of Object.entries(FUNCTION_WORDS)) {
  for (const word of new Set(words.split(" "))) WORD_INDEX.set(word, [...(WORD_INDEX.get(word) ?? []), lang]);
}

/** Letters that only one or two Latin-script languages use: each counts like one function word. */
const LETTER_HINTS: Array<[RegExp, string[]]> = [
  [/ñ/, ["es"]],
  [/[ãõ]/, ["pt"]],
  [/ß/, ["de"]],
  [/[łąęśźżćń]/, ["pl"]],
  [/[ğı]/, ["tr"]],
  [/[æø]/, ["da", "no"]],
  [/l·l/, ["ca"]],
  [/[ășț]/, ["ro"]],
  [/[őű]/, ["hu"]],
  [/[ěřů]/, ["cs"]],
  [/[ơưđ\u1ea0-\u1ef9]/, ["vi"]],
];

// Everything that says nothing about the language of the words around it: links, @handles and
// #hashtags (mostly names), HTML entities, numbers.
const NOISE = /https?:\/\/\S+|www\.\S+|[@#][\p{L}\p{N}_.]+|&[a-z]+;|[\p{N}_]+/gu;
/** The beginning of a long post tells its language as well as the whole, at a bounded cost. */
const MAX_CHARS = 1000;

/** ISO 639-1 code, or null when the text gives too little to tell. */
export function detectLanguage(text: string): string | null {
  const clean = text.slice(0, MAX_CHARS).replace(NOISE, " ");
  const script = dominantScript(clean);
  if (script === null) return null;
  if (script === "latin") return latinLanguage(clean.toLowerCase());
  return languageOfScript(script, clean);
}

type ScriptName =
  | "latin"
  | "cyrillic"
  | "greek"
  | "hebrew"
  | "arabic"
  | "devanagari"
  | "bengali"
  | "gurmukhi"
  | "gujarati"
  | "tamil"
  | "telugu"
  | "kannada"
  | "malayalam"
  | "thai"
  | "armenian"
  | "georgian"
  | "hangul"
  | "cjk";

// [first, last code point, script, weight]. Hangul and CJK characters weigh 3 letters each (one is
// about a syllable), so a Japanese post with "Wi-Fi" in it is still Japanese.
const SCRIPT_RANGES: Array<[number, number, ScriptName, number]> = [
  [0xc0, 0x24f, "latin", 1],
  [0x1e00, 0x1eff, "latin", 1],
  [0x370, 0x3ff, "greek", 1],
  [0x1f00, 0x1fff, "greek", 1],
  [0x400, 0x52f, "cyrillic", 1],
  [0x531, 0x58f, "armenian", 1],
  [0x591, 0x5ff, "hebrew", 1],
  [0x600, 0x6ff, "arabic", 1],
  [0x750, 0x77f, "arabic", 1],
  [0xfb50, 0xfdff, "arabic", 1],
  [0xfe70, 0xfeff, "arabic", 1],
  [0x900, 0x97f, "devanagari", 1],
  [0x980, 0x9ff, "bengali", 1],
  [0xa00, 0xa7f, "gurmukhi", 1],
  [0xa80, 0xaff, "gujarati", 1],
  [0xb80, 0xbff, "tamil", 1],
  [0xc00, 0xc7f, "telugu", 1],
  [0xc80, 0xcff, "kannada", 1],
  [0xd00, 0xd7f, "malayalam", 1],
  [0xe00, 0xe7f, "thai", 1],
  [0x10a0, 0x10ff, "georgian", 1],
  [0x1100, 0x11ff, "hangul", 3],
  [0x3130, 0x318f, "hangul", 3],
  [0xac00, 0xd7af, "hangul", 3],
  [0x3041, 0x30ff, "cjk", 3],
  [0x31f0, 0x31ff, "cjk", 3],
  [0x3400, 0x4dbf, "cjk", 3],
  [0x4e00, 0x9fff, "cjk", 3],
  [0xf900, 0xfaff, "cjk", 3],
  [0xff66, 0xff9f, "cjk", 3],
];

const SINGLE_LANGUAGE_SCRIPTS: Partial<Record<ScriptName, string>> = {
  greek: "el",
  hebrew: "he",
  devanagari: "hi",
  bengali: "bn",
  gurmukhi: "pa",
  gujarati: "gu",
  tamil: "ta",
  telugu: "te",
  kannada: "kn",
  malayalam: "ml",
  thai: "th",
  armenian: "hy",
  georgian: "ka",
  hangul: "ko",
};

/** The script with the most (weighted) letters; null below two Latin letters' worth ("k", "👍"). */
function dominantScript(text: string): ScriptName | null {
  const weights = new Map<ScriptName, number>();
  let latin = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) {
      if ((code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a)) latin++;
      continue;
    }
    const range = SCRIPT_RANGES.find(([from, to]) => code >= from && code <= to);
    if (range) weights.set(range[2], (weights.get(range[2]) ?? 0) + range[3]);
  }
  weights.set("latin", (weights.get("latin") ?? 0) + latin);
  let best: ScriptName | null = null;
  let bestWeight = 1;
  for (const [name, weight] of weights) if (weight > bestWeight) [best, bestWeight] = [name, weight];
  return best;
}

function languageOfScript(script: ScriptName, text: string): string | null {
  const single = SINGLE_LANGUAGE_SCRIPTS[script];
  if (single) return single;
  if (script === "cjk") return cjkLanguage(text);
  if (script === "cyrillic") return cyrillicLanguage(text.toLowerCase());
  if (script === "arabic") return arabicScriptLanguage(text);
  return null;
}

/** Kana occur only in Japanese (a stray "の" in a long Chinese text aside). */
function cjkLanguage(text: string): string {
  let kana = 0;
  let han = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if ((code >= 0x3041 && code <= 0x30ff) || (code >= 0x31f0 && code <= 0x31ff) || (code >= 0xff66 && code <= 0xff9f))
      kana++;
    else if ((code >= 0x3400 && code <= 0x9fff) || (code >= 0xf900 && code <= 0xfaff)) han++;
  }
  return kana > 0 && kana * 10 >= han ? "ja" : "zh";
}

// The commonest words that tell Cyrillic languages apart when no letter does.
const CYRILLIC_WORDS: Record<string, Set<string>> = {
  uk: new Set([
    "що",
    "це",
    "дякую",
    "ще",
    "від",
    "чому",
    "коли",
    "де",
    "мій",
    "мені",
    "як",
    "вже",
    "ви",
    "з",
    "щоб",
    "але",
    "або",
    "цього",
    "тому",
  ]),
  ru: new Set([
    "что",
    "где",
    "как",
    "спасибо",
    "почему",
    "когда",
    "уже",
    "еще",
    "меня",
    "мне",
    "и",
    "с",
    "он",
    "она",
    "они",
    "его",
    "только",
    "очень",
    "нет",
    "но",
    "или",
    "чтобы",
    "потому",
  ]),
  bg: new Set([
    "е",
    "благодаря",
    "съм",
    "си",
    "сме",
    "сте",
    "са",
    "какво",
    "защо",
    "къде",
    "кога",
    "вече",
    "няма",
    "има",
    "това",
    "този",
    "тази",
    "моят",
    "моята",
  ]),
  sr: new Set(["хвала", "што", "шта", "зашто", "када", "али", "веома", "нисам", "није"]),
};

/** Letters that only some Cyrillic languages use, then the commonest words. */
function cyrillicLanguage(text: string): string | null {
  if (/[әғқңөұүһ]/.test(text)) return null; // Kazakh and other Turkic languages: not supported
  if (/ў/.test(text)) return "be";
  if (/[ћђ]/.test(text)) return "sr";
  if (/[ѓќѕ]/.test(text)) return "mk";
  if (/[јљњџ]/.test(text)) return null; // Serbian or Macedonian
  const russianLetters = /[ыэё]/.test(text);
  if (/[їєґ]/.test(text) || (/і/.test(text) && !russianLetters)) return "uk";
  if (/і/.test(text)) return "be";
  if (russianLetters) return "ru";
  // Russian writes ъ only before е, ё, ю, я ("объяснить"); Bulgarian mostly elsewhere ("къде", "-ът").
  if (/ъ(?![еёюя])/.test(text)) return "bg";
  const words = text.match(/[\u0400-\u04ff]+/g) ?? [];
  const counts = Object.entries(CYRILLIC_WORDS)
    .map(([lang, set]) => [lang, words.filter((w) => set.has(w)).length] as const)
    .sort((a, b) => b[1] - a[1]);
  if (counts[0][1] > counts[1][1]) return counts[0][0];
  // Russian is by far the commonest Cyrillic language online: two words of nothing else will do.
  return counts[0][1] === 0 && words.length >= 2 ? "ru" : null;
}

/** Urdu and Persian add letters to the Arabic alphabet. */
function arabicScriptLanguage(text: string): string {
  if (/[ٹڈڑںےھہۓ]/.test(text)) return "ur";
  if (/[پچژگکی]/.test(text)) return "fa";
  return "ar";
}

const MIN_NGRAM_LETTERS = 10;
const MIN_NGRAM_LEAD = 0.1;

/** `text` is lower-case. */
function latinLanguage(text: string): string | null {
  const scores = new Map<string, number>();
  let seen = 0;
  for (const word of text.match(/\p{L}+/gu) ?? []) {
    const langs = WORD_INDEX.get(word);
    if (!langs) continue;
    seen++;
    for (const lang of langs) scores.set(lang, (scores.get(lang) ?? 0) + 1 / langs.length);
  }
  for (const [pattern, langs] of LETTER_HINTS) {
    if (!pattern.test(text)) continue;
    seen++;
    for (const lang of langs) scores.set(lang, (scores.get(lang) ?? 0) + 1 / langs.length);
  }
  const [best, second] = [...scores.entries()].sort((a, b) => b[1] - a[1]);
  // Fractions of shared words add up to 0.999…: compare with a little slack.
  if (best && seen >= 2 && best[1] - (second?.[1] ?? 0) > 0.999)
    return LATIN_LANGUAGES.includes(best[0]) ? best[0] : null;

  const guess = ngramLanguage(text);
  if (guess === null) return null;
  // tinyld's profiles misread some English ("sat at airport … at gate" as German): when the text
  // has function words, the guess must be among their languages.
  if (seen > 0 && !scores.has(guess)) return null;
  return guess;
}

const NGRAM_CANDIDATES = [...LATIN_LANGUAGES, ...UNSUPPORTED_LATIN];

/** tinyld over the Latin-script languages it knows, trusted only with enough text and a clear lead. */
function ngramLanguage(text: string): string | null {
  if ((text.match(/\p{L}/gu)?.length ?? 0) < MIN_NGRAM_LETTERS) return null;
  const [best, second] = detectAll(text, { only: NGRAM_CANDIDATES });
  if (!best || !LATIN_LANGUAGES.includes(best.lang)) return null;
  if (second && best.accuracy - second.accuracy < MIN_NGRAM_LEAD) return null;
  return best.lang;
}
