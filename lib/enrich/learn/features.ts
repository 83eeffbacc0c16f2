// Features for the learned sentiment model. Pure.
import { analyzeSentiment } from "../sentiment";

const NEGATORS =
  /^(not|no|never|dont|don't|didn't|didnt|isn't|isnt|wasn't|wasnt|can't|cant|won't|wont|nothing|nobody|without)$/;

/** Sparse binary features: words (negation-marked), bigrams, the general analyzer's cues and verdict. */
export function featurize(text: string): string[] {
  const normalized = text
    .toLowerCase()
    .replace(/https?:\/\/\S+/g, " _url_ ")
    .replace(/@\w+/g, " _user_ ")
    .replace(/\d+/g, " _num_ ");
  const tokens = normalized.match(/[a-z_']+|[!?]+|[\u{1F300}-\u{1FAFF}\u2600-\u27BF]/gu) ?? [];
  const features = new Set<string>();
  let negated = false;
  let prev = "^";
  for (const raw of tokens) {
    const t = raw.replace(/^'+|'+$/g, "");
    if (!t) continue;
    if (/^[!?]+$/.test(t)) {
      features.add(t.length > 1 ? `p:${t[0]}${t[0]}` : `p:${t}`);
      negated = false;
      prev = "^";
      continue;
    }
    const word = negated ? `NOT_${t}` : t;
    features.add(`w:${word}`);
    features.add(`b:${prev}_${t}`);
    if (NEGATORS.test(t)) negated = true;
    prev = t;
  }
  const base = analyzeSentiment(text);
  features.add(`base:${base.label}`);
  features.add(`base:${base.label}:${base.confidence > 0.6 ? "sure" : "unsure"}`);
  for (const cue of base.cues.slice(0, 5)) features.add(`cue:${cue.cue}`);
  features.add("bias");
  return [...features];
}
