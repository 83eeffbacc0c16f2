// Offline language guess from function words, for posts whose network gave no language. Pure.
const STOPWORDS: Record<string, string[]> = {
  en: ["the", "and", "is", "to", "my", "you", "for", "of", "it", "in", "this", "that", "was", "with", "not", "have", "your", "are", "on", "just"],
  es: ["el", "la", "de", "que", "y", "en", "los", "es", "por", "un", "una", "para", "con", "no", "mi", "del", "las", "muy", "pero", "lo"],
  fr: ["le", "la", "les", "de", "et", "est", "un", "une", "pour", "pas", "que", "des", "du", "je", "en", "dans", "mon", "avec", "sur", "très"],
  de: ["der", "die", "das", "und", "ist", "nicht", "ich", "mit", "ein", "eine", "zu", "den", "auf", "für", "von", "mein", "sie", "es", "wir", "auch"],
  pt: ["o", "a", "de", "que", "e", "do", "da", "em", "um", "uma", "para", "não", "com", "os", "meu", "minha", "no", "na", "mais", "muito"],
  it: ["il", "la", "di", "che", "e", "un", "una", "per", "non", "con", "del", "della", "mio", "sono", "è", "ma", "molto", "anche", "gli", "nel"],
  nl: ["de", "het", "een", "en", "van", "is", "niet", "ik", "met", "op", "voor", "mijn", "dat", "te", "zijn", "ook", "maar", "wel", "nog", "naar"],
};
const INDEX = new Map<string, string[]>();
for (const [lang, words] of Object.entries(STOPWORDS)) for (const w of words) INDEX.set(w, [...(INDEX.get(w) ?? []), lang]);

/** ISO 639-1 code, or null when the text gives too little to tell. */
export function detectLanguage(text: string): string | null {
  const scores = new Map<string, number>();
  let seen = 0;
  for (const word of text.toLowerCase().match(/[\p{L}]+/gu) ?? []) {
    const langs = INDEX.get(word);
    if (!langs) continue;
    seen++;
    for (const l of langs) scores.set(l, (scores.get(l) ?? 0) + 1 / langs.length);
  }
  if (seen < 2) return null;
  const [best, second] = [...scores.entries()].sort((a, b) => b[1] - a[1]);
  if (!best || (second && best[1] - second[1] < 1)) return null;
  return best[0];
}
