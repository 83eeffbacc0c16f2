// Writing any name in Latin letters so that "Юлия", "Γιώργος", "박지훈", "Søren" and "Łukasz"
// compare with how the same people write themselves in a CRM. Pure.
//
// Cyrillic follows a simple Russian-style scheme (with the Ukrainian and Serbian letters),
// Greek a simplified ELOT 743, Hangul the Revised Romanization computed from the syllable
// blocks (a 2–4 syllable word is split after its first syllable, the usual family name).
// Han characters are transliterated only for a short table of very common family names and
// cities (Chinese in pinyin, Japanese in Hepburn); other Han characters are left as they are.
// Spelling variants that remain (Iurii/Yuri, Park/Bak, Satou/Sato) are for name-match.ts.

const CYRILLIC: Record<string, string> = {
  а: "a",
  б: "b",
  в: "v",
  г: "g",
  д: "d",
  е: "e",
  ё: "e",
  ж: "zh",
  з: "z",
  и: "i",
  й: "y",
  к: "k",
  л: "l",
  м: "m",
  н: "n",
  о: "o",
  п: "p",
  р: "r",
  с: "s",
  т: "t",
  у: "u",
  ф: "f",
  х: "kh",
  ц: "ts",
  ч: "ch",
  ш: "sh",
  щ: "shch",
  ъ: "",
  ы: "y",
  ь: "",
  э: "e",
  ю: "yu",
  я: "ya",
  // Ukrainian, Belarusian
  є: "ye",
  і: "i",
  ї: "yi",
  ґ: "g",
  ў: "u",
  // Serbian, Macedonian
  ђ: "dj",
  ј: "j",
  љ: "lj",
  њ: "nj",
  ћ: "c",
  џ: "dz",
  ѓ: "gj",
  ќ: "kj",
  ѕ: "dz",
};

// Greek: digraphs first, then letters (accents are removed before this table is used).
const GREEK_DIGRAPHS: Array<[string, string]> = [
  ["ου", "ou"],
  ["αυ", "av"],
  ["ευ", "ev"],
  ["γγ", "ng"],
  ["γκ", "gk"],
  ["μπ", "mp"],
  ["ντ", "nt"],
  ["τζ", "tz"],
];
const GREEK: Record<string, string> = {
  α: "a",
  β: "v",
  γ: "g",
  δ: "d",
  ε: "e",
  ζ: "z",
  η: "i",
  θ: "th",
  ι: "i",
  κ: "k",
  λ: "l",
  μ: "m",
  ν: "n",
  ξ: "x",
  ο: "o",
  π: "p",
  ρ: "r",
  σ: "s",
  ς: "s",
  τ: "t",
  υ: "y",
  φ: "f",
  χ: "ch",
  ψ: "ps",
  ω: "o",
};

// Latin letters that Unicode decomposition does not take apart.
const LATIN_SPECIAL: Record<string, string> = {
  ø: "o",
  æ: "ae",
  œ: "oe",
  ß: "ss",
  đ: "dj",
  ð: "d",
  þ: "th",
  ł: "l",
  ı: "i",
  ħ: "h",
  ŋ: "ng",
  ĸ: "k",
  ſ: "s",
};

// Hangul Revised Romanization of the jamo in a syllable block.
const HANGUL_INITIAL = [
  "g",
  "kk",
  "n",
  "d",
  "tt",
  "r",
  "m",
  "b",
  "pp",
  "s",
  "ss",
  "",
  "j",
  "jj",
  "ch",
  "k",
  "t",
  "p",
  "h",
];
const HANGUL_VOWEL = [
  "a",
  "ae",
  "ya",
  "yae",
  "eo",
  "e",
  "yeo",
  "ye",
  "o",
  "wa",
  "wae",
  "oe",
  "yo",
  "u",
  "wo",
  "we",
  "wi",
  "yu",
  "eu",
  "ui",
  "i",
];
const HANGUL_FINAL = [
  "",
  "k",
  "k",
  "k",
  "n",
  "n",
  "n",
  "t",
  "l",
  "k",
  "m",
  "l",
  "l",
  "l",
  "p",
  "l",
  "m",
  "p",
  "p",
  "t",
  "t",
  "ng",
  "t",
  "t",
  "k",
  "t",
  "p",
  "t",
];

function hangulSyllable(code: number): string {
  const index = code - 0xac00;
  const initial = Math.floor(index / 588);
  const vowel = Math.floor((index % 588) / 28);
  const final = index % 28;
  return HANGUL_INITIAL[initial] + HANGUL_VOWEL[vowel] + HANGUL_FINAL[final];
}

const isHangul = (code: number) => code >= 0xac00 && code <= 0xd7a3;

// Very common family names and big cities in Han characters (simplified and traditional).
// Longest entries are tried first, so 佐々木 wins over 佐.
const HAN: Record<string, string> = {
  // Chinese family names (pinyin)
  王: "wang",
  李: "li",
  张: "zhang",
  張: "zhang",
  刘: "liu",
  劉: "liu",
  陈: "chen",
  陳: "chen",
  杨: "yang",
  楊: "yang",
  黄: "huang",
  黃: "huang",
  赵: "zhao",
  趙: "zhao",
  吴: "wu",
  吳: "wu",
  周: "zhou",
  徐: "xu",
  孙: "sun",
  孫: "sun",
  马: "ma",
  馬: "ma",
  朱: "zhu",
  胡: "hu",
  郭: "guo",
  何: "he",
  林: "lin",
  高: "gao",
  罗: "luo",
  羅: "luo",
  郑: "zheng",
  鄭: "zheng",
  梁: "liang",
  谢: "xie",
  謝: "xie",
  宋: "song",
  唐: "tang",
  许: "xu",
  許: "xu",
  韩: "han",
  韓: "han",
  冯: "feng",
  馮: "feng",
  邓: "deng",
  鄧: "deng",
  曹: "cao",
  彭: "peng",
  曾: "zeng",
  萧: "xiao",
  蕭: "xiao",
  // Japanese family names (Hepburn, long vowels unmarked)
  佐藤: "sato",
  鈴木: "suzuki",
  高橋: "takahashi",
  田中: "tanaka",
  渡辺: "watanabe",
  渡邊: "watanabe",
  渡邉: "watanabe",
  伊藤: "ito",
  山本: "yamamoto",
  中村: "nakamura",
  小林: "kobayashi",
  加藤: "kato",
  吉田: "yoshida",
  山田: "yamada",
  佐々木: "sasaki",
  山口: "yamaguchi",
  松本: "matsumoto",
  井上: "inoue",
  木村: "kimura",
  清水: "shimizu",
  斎藤: "saito",
  斉藤: "saito",
  山崎: "yamazaki",
  森: "mori",
  池田: "ikeda",
  橋本: "hashimoto",
  阿部: "abe",
  石川: "ishikawa",
  前田: "maeda",
  藤田: "fujita",
  小川: "ogawa",
  岡田: "okada",
  後藤: "goto",
  長谷川: "hasegawa",
  村上: "murakami",
  // Cities
  東京: "tokyo",
  大阪: "osaka",
  名古屋: "nagoya",
  京都: "kyoto",
  横浜: "yokohama",
  札幌: "sapporo",
  福岡: "fukuoka",
  神戸: "kobe",
  北京: "beijing",
  上海: "shanghai",
  广州: "guangzhou",
  廣州: "guangzhou",
  深圳: "shenzhen",
  台北: "taipei",
  臺北: "taipei",
  香港: "hong kong",
};
const HAN_KEYS = Object.keys(HAN).sort((a, b) => b.length - a.length);

function foldHan(text: string): string {
  if (!/\p{Script=Han}/u.test(text)) return text;
  let out = "";
  for (let i = 0; i < text.length;) {
    const hit = HAN_KEYS.find((k) => text.startsWith(k, i));
    if (hit) {
      out += ` ${HAN[hit]} `;
      i += hit.length;
    } else {
      out += text[i];
      i++;
    }
  }
  return out;
}

function foldHangulWord(word: string): string {
  const codes = [...word].map((ch) => ch.codePointAt(0)!);
  if (!codes.length || !codes.every(isHangul))
    return [...word].map((ch) => (isHangul(ch.codePointAt(0)!) ? hangulSyllable(ch.codePointAt(0)!) : ch)).join("");
  const syllables = codes.map(hangulSyllable);
  // A Korean personal name written as one word: family name (one syllable), then given name.
  return syllables.length >= 2 && syllables.length <= 4
    ? `${syllables[0]} ${syllables.slice(1).join("")}`
    : syllables.join("");
}

/**
 * Latin letters for any name or place, lowercase, accents removed: "Юлия Смирнова" →
 * "yuliya smirnova", "Γιώργος" → "giorgos", "박지훈" → "bak jihun", "Đorđe" → "djordje".
 * Punctuation is kept (callers tokenize); unknown scripts pass through unchanged.
 */
export function foldToLatin(value: string): string {
  let text = foldHan(value.normalize("NFC"));
  if (/[\uac00-\ud7a3]/.test(text)) text = text.replace(/[\uac00-\ud7a3]+/g, foldHangulWord);
  // Decomposing would turn й into и: it is a letter of its own.
  text = text.replace(/[йЙ]/g, "y");
  // Decompose and drop combining marks (accents, Greek tonos, diaeresis).
  text = text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase();
  if (/[\u0370-\u03ff]/.test(text)) {
    for (const [from, to] of GREEK_DIGRAPHS) text = text.split(from).join(to);
    text = text.replace(/[\u0370-\u03ff]/g, (ch) => GREEK[ch] ?? "");
  }
  if (/[\u0400-\u04ff]/.test(text)) text = text.replace(/[\u0400-\u04ff]/g, (ch) => CYRILLIC[ch] ?? "");
  return text.replace(/[øæœßđðþłıħŋĸſ]/g, (ch) => LATIN_SPECIAL[ch] ?? ch);
}
