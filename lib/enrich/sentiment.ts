// The out-of-the-box sentiment analyzer, tuned for customer-service posts: complaints without
// negative words ("on hold for 2 hours", "still waiting", "3rd time"), negation, intensifiers,
// emoji and emoticons, repeated punctuation, sarcasm markers. Offline and pure.
export type SentimentLabel = "POSITIVE" | "NEUTRAL" | "NEGATIVE";

export interface SentimentResult {
  label: SentimentLabel;
  /** -1 (very negative) … +1 (very positive). */
  score: number;
  /** 0 … 1: how clear-cut the evidence was. */
  confidence: number;
  /** The strongest cues, for explanations. */
  cues: Array<{ cue: string; weight: number }>;
}

const WORDS: Record<string, number> = {
  // negative
  worst: -3,
  terrible: -3,
  horrible: -3,
  awful: -3,
  disgusting: -3,
  pathetic: -3,
  unacceptable: -3,
  ridiculous: -2.5,
  useless: -2.5,
  rude: -2.5,
  hate: -2.5,
  furious: -3,
  angry: -2.5,
  annoyed: -2,
  frustrated: -2,
  frustrating: -2,
  disappointed: -2,
  disappointing: -2,
  bad: -2,
  poor: -2,
  sucks: -2.5,
  fail: -2,
  failed: -2,
  fails: -2,
  broken: -2,
  lost: -1.5,
  cancelled: -2,
  canceled: -2,
  cancellation: -1.5,
  delayed: -1.5,
  delay: -1.5,
  delays: -1.5,
  late: -1,
  stuck: -1.5,
  stranded: -2.5,
  missed: -1.5,
  waiting: -1,
  wait: -0.8,
  hold: -0.8,
  refund: -0.8,
  complaint: -1.5,
  "customer service": -0.8,
  problem: -1.5,
  issue: -1,
  issues: -1,
  never: -1,
  nobody: -1.2,
  "no one": -1.2,
  again: -0.6,
  still: -0.6,
  damaged: -2,
  dirty: -2,
  overbooked: -2,
  bumped: -1.5,
  worse: -2,
  mess: -2,
  joke: -1.5,
  wtf: -2.5,
  smh: -1.5,
  ugh: -1.5,
  disappointment: -2,
  // words customers use when something went wrong, even without a negative word
  trying: -0.8,
  told: -0.8,
  someone: -0.6,
  even: -0.5,
  should: -0.6,
  website: -0.6,
  phone: -0.5,
  call: -0.4,
  need: -0.5,
  because: -0.4,
  seat: -0.3,
  people: -0.3,
  help: -0.4,
  why: -0.6,
  rebook: -0.8,
  rebooked: -0.5,
  voucher: -0.5,
  unhelpful: -2.5,
  incompetent: -3,
  nightmare: -3,
  scam: -3,
  charged: -1,
  fee: -0.8,
  fees: -0.8,
  crying: -1.5,
  sick: -1,
  hours: -0.5,
  // positive
  thanks: 2,
  thank: 2,
  thx: 2,
  great: 2.5,
  awesome: 3,
  amazing: 3,
  excellent: 3,
  love: 2.5,
  loved: 2.5,
  best: 2.5,
  good: 1.5,
  nice: 1.5,
  wonderful: 3,
  fantastic: 3,
  helpful: 2,
  appreciate: 2.5,
  appreciated: 2.5,
  perfect: 2.5,
  smooth: 1.5,
  friendly: 2,
  kudos: 2.5,
  brilliant: 3,
  glad: 1.5,
  happy: 2,
  pleased: 2,
  enjoy: 1.5,
  enjoyed: 2,
  comfortable: 1.5,
  fast: 1,
  quick: 1,
  easy: 1,
  impressed: 2.5,
  recommend: 2,
  beautiful: 2,
  lovely: 2.5,
  superb: 3,
  outstanding: 3,
  welcome: 1,
  yay: 2,
  woohoo: 2,
  favorite: 2,
  favourite: 2,
};
const PHRASES: Array<[RegExp, number, string]> = [
  [/\bon hold for\b/i, -2, "on hold for"],
  [/\bstill (waiting|no|haven'?t|not)\b/i, -1.5, "still waiting"],
  [/\b(\d+|two|three|four|five)\s*(hours?|hrs?)\b/i, -1, "N hours"],
  [/\b(\d+(st|nd|rd|th)|second|third|fourth) time\b/i, -1.5, "Nth time"],
  [/\bcancell?ed flightl?ed\b/i, -2, "Cancelled Flightled"],
  [/\bno (one|response|answer|help|reply|update)\b/i, -1.5, "no response"],
  [/\bcan'?t (get|reach|find|believe)\b/i, -1.2, "can't get"],
  [/\b(customer service|cust service)\b.*\b(sucks|terrible|worst|awful|horrible)\b/i, -1, "bad customer service"],
  [/\bthank(s| you)\b.*\b(for nothing)\b/i, -4, "thanks for nothing"],
  [/\bwhy (is|are|do|does|did|would|can'?t)\b/i, -0.8, "why …"],
];
const NEGATORS = new Set([
  "not",
  "no",
  "never",
  "don't",
  "dont",
  "didn't",
  "didnt",
  "isn't",
  "isnt",
  "wasn't",
  "wasnt",
  "can't",
  "cant",
  "won't",
  "wont",
  "nothing",
  "hardly",
]);
const INTENSIFIERS: Record<string, number> = {
  very: 1.5,
  so: 1.4,
  really: 1.4,
  extremely: 1.8,
  super: 1.5,
  totally: 1.4,
  absolutely: 1.6,
  completely: 1.5,
};
const EMOJI: Array<[RegExp, number, string]> = [
  [/[😡😠🤬👎💩😤😒🙄😞😢😭😩😫]/u, -2, "negative emoji"],
  [/[😀😃😄😁😊🙂😍🥰❤️💙💕👍🙏🎉✨😎🤩]/u, 2, "positive emoji"],
  [/(^|\s)[:;]-?[)D](\s|$)/, 1.5, ":)"],
  [/(^|\s):-?[(/](\s|$)/, -1.5, ":("],
];
const SARCASM = /\b(thanks a lot|great job|just great|love (it )?when|yeah right|oh great|so much for|nice one)\b/i;

export function analyzeSentiment(text: string): SentimentResult {
  const cues: Array<{ cue: string; weight: number }> = [];
  const words = text.toLowerCase().match(/[a-z']+|\d+/g) ?? [];
  let score = 0;
  for (let i = 0; i < words.length; i++) {
    const w = words[i].replace(/'s$/, "");
    let weight = WORDS[w];
    if (weight === undefined) continue;
    const prev = words.slice(Math.max(0, i - 3), i);
    if (prev.some((p) => NEGATORS.has(p))) weight = weight > 0 ? -weight * 0.8 : -weight * 0.4;
    const boost = INTENSIFIERS[words[i - 1] ?? ""];
    if (boost) weight *= boost;
    score += weight;
    cues.push({ cue: prev.some((p) => NEGATORS.has(p)) ? `not ${w}` : w, weight });
  }
  for (const [re, weight, cue] of [...PHRASES, ...EMOJI]) {
    if (re.test(text)) {
      score += weight;
      cues.push({ cue, weight });
    }
  }
  if (SARCASM.test(text) && score > 0) {
    cues.push({ cue: "sarcasm", weight: -score - 1.5 });
    score = -1.5;
  }
  if (/[!?]{2,}/.test(text) && score !== 0) {
    const weight = score < 0 ? -0.8 : 0.5;
    score += weight;
    cues.push({ cue: "!!", weight });
  }
  if (/\b[A-Z]{4,}\b/.test(text) && score < 0) {
    score -= 0.5;
    cues.push({ cue: "CAPS", weight: -0.5 });
  }
  const normalized = Math.tanh(score / 3);
  const label: SentimentLabel = normalized <= -0.05 ? "NEGATIVE" : normalized >= 0.25 ? "POSITIVE" : "NEUTRAL";
  cues.sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight));
  return {
    label,
    score: Math.round(normalized * 1000) / 1000,
    confidence: Math.round(Math.min(1, Math.abs(normalized) + (cues.length ? 0.2 : 0)) * 1000) / 1000,
    cues: cues.slice(0, 5),
  };
}
