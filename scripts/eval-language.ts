// npm run eval:language: accuracy, coverage, wrong-language rate and speed of the offline language
// detectors — Earshot's (lib/enrich/language.ts), the seven-language stopword detector it replaced,
// and tinyld (normal, light, heavy) as published — on
//   a. ../shared/data/airline/tweets-dev.csv (real English tweets; skipped when absent),
//   b. tests/fixtures/language-sample.json (hand-written posts in 22 supported languages; posts in
//      unsupported languages and texts with no language at all, where any answer is wrong).
// Texts under 40 characters are also counted apart: a confident wrong guess there is the usual harm.
// `--errors earshot|previous|tinyld|light|heavy` lists that detector's wrong answers.
import { readFileSync } from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import * as tinyldNormal from "tinyld";
import * as tinyldLight from "tinyld/light";
import * as tinyldHeavy from "tinyld/heavy";
import { detectLanguage } from "../lib/enrich/language";
import { airlineTweets, SHARED_DIR } from "./bench/shared-data";

type Detector = (text: string) => string | null;
interface Case {
  text: string;
  lang: string | null;
}
interface Sample {
  posts: Record<string, string[]>;
  unsupported: Record<string, string[]>;
  undetermined: string[];
}

const SHORT = 40;

// The detector this one replaced (function words of 7 European languages), kept as the baseline.
const BASELINE_STOPWORDS: Record<string, string[]> = {
  en: [
    "the",
    "and",
    "is",
    "to",
    "my",
    "you",
    "for",
    "of",
    "it",
    "in",
    "this",
    "that",
    "was",
    "with",
    "not",
    "have",
    "your",
    "are",
    "on",
    "just",
  ],
  es: [
    "el",
    "la",
    "de",
    "que",
    "y",
    "en",
    "los",
    "es",
    "por",
    "un",
    "una",
    "para",
    "con",
    "no",
    "mi",
    "del",
    "las",
    "muy",
    "pero",
    "lo",
  ],
  fr: [
    "le",
    "la",
    "les",
    "de",
    "et",
    "est",
    "un",
    "une",
    "pour",
    "pas",
    "que",
    "des",
    "du",
    "je",
    "en",
    "dans",
    "mon",
    "avec",
    "sur",
    "très",
  ],
  de: [
    "der",
    "die",
    "das",
    "und",
    "ist",
    "nicht",
    "ich",
    "mit",
    "ein",
    "eine",
    "zu",
    "den",
    "auf",
    "für",
    "von",
    "mein",
    "sie",
    "es",
    "wir",
    "auch",
  ],
  pt: [
    "o",
    "a",
    "de",
    "que",
    "e",
    "do",
    "da",
    "em",
    "um",
    "uma",
    "para",
    "não",
    "com",
    "os",
    "meu",
    "minha",
    "no",
    "na",
    "mais",
    "muito",
  ],
  it: [
    "il",
    "la",
    "di",
    "che",
    "e",
    "un",
    "una",
    "per",
    "non",
    "con",
    "del",
    "della",
    "mio",
    "sono",
    "è",
    "ma",
    "molto",
    "anche",
    "gli",
    "nel",
  ],
  nl: [
    "de",
    "het",
    "een",
    "en",
    "van",
    "is",
    "niet",
    "ik",
    "met",
    "op",
    "voor",
    "mijn",
    "dat",
    "te",
    "zijn",
    "ook",
    "maar",
    "wel",
    "nog",
    "naar",
  ],
};
const BASELINE_INDEX = new Map<string, string[]>();
for (const [lang, words] of Object.entries(BASELINE_STOPWORDS))
  for (const w of words) BASELINE_INDEX.set(w, [...(BASELINE_INDEX.get(w) ?? []), lang]);
function baselineDetect(text: string): string | null {
  const scores = new Map<string, number>();
  let seen = 0;
  for (const word of text.toLowerCase().match(/[\p{L}]+/gu) ?? []) {
    const langs = BASELINE_INDEX.get(word);
    if (!langs) continue;
    seen++;
    for (const l of langs) scores.set(l, (scores.get(l) ?? 0) + 1 / langs.length);
  }
  if (seen < 2) return null;
  const [best, second] = [...scores.entries()].sort((a, b) => b[1] - a[1]);
  if (!best || (second && best[1] - second[1] < 1)) return null;
  return best[0];
}

// [name, short name for narrow tables, detector]
const DETECTORS: Array<[string, string, Detector]> = [
  ["earshot (lib/enrich/language.ts)", "earshot", detectLanguage],
  ["previous: stopwords, 7 languages", "previous", baselineDetect],
  ["tinyld 1.3.4 (normal, 62 languages)", "tinyld", (t) => tinyldNormal.detect(t) || null],
  ["tinyld/light (24 languages)", "light", (t) => tinyldLight.detect(t) || null],
  ["tinyld/heavy", "heavy", (t) => tinyldHeavy.detect(t) || null],
];

interface Tally {
  n: number;
  right: number;
  wrong: number;
  none: number;
}
const emptyTally = (): Tally => ({ n: 0, right: 0, wrong: 0, none: 0 });

function tally(detect: Detector, cases: Case[]): Tally {
  const t = emptyTally();
  for (const c of cases) {
    const got = detect(c.text);
    t.n++;
    if (got === null) t.none++;
    else if (got === c.lang) t.right++;
    else t.wrong++;
  }
  return t;
}

const pct = (part: number, whole: number) => (whole ? `${((100 * part) / whole).toFixed(1)}%` : "–");

function row(t: Tally) {
  return {
    n: t.n,
    accuracy: pct(t.right, t.n),
    coverage: pct(t.right + t.wrong, t.n),
    wrong: pct(t.wrong, t.n),
    "precision (right/answered)": pct(t.right, t.right + t.wrong),
  };
}

/**
 * Texts per second on one core: the fastest of several rounds, because other processes on a
 * shared machine only ever slow a round down.
 */
function speed(detect: Detector, texts: string[]): number {
  for (const text of texts) detect(text); // warm-up
  let best = 0;
  for (let round = 0; round < 7; round++) {
    let n = 0;
    const start = performance.now();
    while (performance.now() - start < 200) {
      for (const text of texts) detect(text);
      n += texts.length;
    }
    best = Math.max(best, n / ((performance.now() - start) / 1000));
  }
  return best;
}

function loadSample(): { cases: Case[]; unsupported: Case[]; undetermined: Case[] } {
  const file = path.join(process.cwd(), "tests/fixtures/language-sample.json");
  const sample = JSON.parse(readFileSync(file, "utf8")) as Sample;
  const byLanguage = (posts: Record<string, string[]>) =>
    Object.entries(posts).flatMap(([lang, texts]) => texts.map((text) => ({ text, lang })));
  return {
    cases: byLanguage(sample.posts),
    unsupported: byLanguage(sample.unsupported),
    undetermined: sample.undetermined.map((text) => ({ text, lang: null })),
  };
}

function printTable(title: string, rows: Record<string, object>) {
  console.log(`\n${title}`);
  console.table(rows);
}

function main() {
  const errorsAt = process.argv.indexOf("--errors");
  const listErrorsOf = errorsAt >= 0 ? DETECTORS.find(([, short]) => short === process.argv[errorsAt + 1]) : null;
  if (errorsAt >= 0 && !listErrorsOf)
    throw new Error(`--errors takes one of: ${DETECTORS.map(([, short]) => short).join(", ")}`);
  const tweets = airlineTweets();
  const { cases, unsupported, undetermined } = loadSample();
  const languages = [...new Set(cases.map((c) => c.lang!))];
  console.log(`eval:language — Node ${process.version}, one core`);
  const otherLanguages = [...new Set(unsupported.map((c) => c.lang!))];
  console.log(
    `multilingual sample: ${cases.length} posts in ${languages.length} languages (${languages.join(" ")}), ${cases.filter((c) => c.text.length < SHORT).length} under ${SHORT} characters; ${unsupported.length} posts in ${otherLanguages.length} languages Earshot does not detect (${otherLanguages.join(" ")}); ${undetermined.length} texts with no language`,
  );
  const tweetCases: Case[] = tweets ? tweets.map((text) => ({ text, lang: "en" })) : [];
  if (tweets)
    console.log(
      `airline tweets: ${tweets.length} real English tweets from ${path.join(SHARED_DIR, "data/airline/tweets-dev.csv")}, ${tweetCases.filter((c) => c.text.length < SHORT).length} under ${SHORT} characters`,
    );
  else
    console.log(
      `SKIPPED airline tweets: ${path.join(SHARED_DIR, "data/airline/tweets-dev.csv")} is absent (set EARSHOT_SHARED_DIR to the shared folder)`,
    );

  const sets: Array<[string, Case[]]> = [
    ...(tweets
      ? ([
          ["airline tweets (en)", tweetCases],
          [`airline tweets < ${SHORT} chars`, tweetCases.filter((c) => c.text.length < SHORT)],
        ] as Array<[string, Case[]]>)
      : []),
    ["multilingual sample", cases],
    [`multilingual sample < ${SHORT} chars`, cases.filter((c) => c.text.length < SHORT)],
  ];
  for (const [title, set] of sets) {
    printTable(
      `${title} — ${set.length} texts`,
      Object.fromEntries(DETECTORS.map(([name, , detect]) => [name, row(tally(detect, set))])),
    );
  }
  printTable(
    `posts in languages Earshot does not detect (${otherLanguages.join(" ")}): no answer is right for Earshot, another language is wrong`,
    Object.fromEntries(
      DETECTORS.map(([name, , detect]) => {
        const t = tally(detect, unsupported);
        return [
          name,
          {
            n: t.n,
            "their own code": t.right,
            "no answer": t.none,
            "wrong language": t.wrong,
            "wrong rate": pct(t.wrong, t.n),
          },
        ];
      }),
    ),
  );
  printTable(
    `texts with no language (${undetermined.length}: "ok", emoji, handles, links, codes) — any answer is a wrong guess`,
    Object.fromEntries(
      DETECTORS.map(([name, , detect]) => [name, { "wrong guesses": tally(detect, undetermined).wrong }]),
    ),
  );
  printTable(
    "multilingual sample by language: right answers (wrong ones in brackets)",
    Object.fromEntries(
      languages.map((lang) => [
        `${lang} (${cases.filter((c) => c.lang === lang).length})`,
        Object.fromEntries(
          DETECTORS.map(([, short, detect]) => {
            const t = tally(
              detect,
              cases.filter((c) => c.lang === lang),
            );
            return [short, `${t.right}${t.wrong ? ` (${t.wrong})` : ""}`];
          }),
        ),
      ]),
    ),
  );

  const speedSets: Array<[string, string[]]> = [
    ...(tweets ? ([["airline tweets", tweets]] as Array<[string, string[]]>) : []),
    ["multilingual sample", cases.map((c) => c.text)],
  ];
  const speeds = DETECTORS.map(
    ([name, , detect]) => [name, speedSets.map(([, texts]) => speed(detect, texts))] as const,
  );
  printTable(
    "speed on one core (fastest of 7 rounds): texts per second and µs per text; share of a core that 5,000 posts/s would take",
    Object.fromEntries(
      speeds.map(([name, perSecond]) => [
        name,
        Object.fromEntries(
          speedSets.flatMap(([set], i) => [
            [`${set}: texts/s`, Math.round(perSecond[i])],
            [`µs/text (${set.split(" ")[1]})`, +(1e6 / perSecond[i]).toFixed(1)],
            [`core at 5,000/s (${set.split(" ")[1]})`, pct(5000, perSecond[i])],
          ]),
        ),
      ]),
    ),
  );

  if (listErrorsOf) {
    console.log(`\nwrong answers of ${listErrorsOf[0]}:`);
    for (const c of [...tweetCases, ...cases, ...unsupported, ...undetermined]) {
      const got = listErrorsOf[2](c.text);
      if (got !== null && got !== c.lang)
        console.log(`  ${c.lang ?? "no language"}, got ${got}: ${JSON.stringify(c.text)}`);
    }
  }
}

try {
  main();
} catch (error) {
  console.error(`eval:language: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
