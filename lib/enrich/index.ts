// The enrichment stage of the ingestion pipeline: language when the network gave none,
// sentiment, intent, influence. Pure, so it can run anywhere and be replaced per workspace.
import { detectIntent, type IntentLabel } from "./intent";
import { detectLanguage } from "./language";
import { analyzeSentiment, type SentimentLabel } from "./sentiment";
import { predict, type ModelState } from "./learn/model";

export interface Enrichment {
  lang: string | null;
  sentiment: SentimentLabel;
  sentimentScore: number;
  sentimentConfidence: number;
  intent: IntentLabel;
  influence: number | null;
}

/** 0–100 on a log scale: 10 followers ≈ 17, 1,000 ≈ 50, 100,000 ≈ 83, 1,000,000+ = 100. */
export function influenceScore(followers: number | null | undefined): number | null {
  if (followers === null || followers === undefined) return null;
  return Math.min(100, Math.round((Math.log10(followers + 1) / 6) * 100));
}

/**
 * `model` is the workspace's learned model, when it has one: it then decides the sentiment
 * (it was trained with the built-in analyzer's verdict and cues among its features).
 */
export function enrich(
  input: { text: string; title?: string | null; lang?: string | null; followers?: number | null },
  model?: ModelState | null,
): Enrichment {
  const full = input.title ? `${input.title}\n${input.text}` : input.text;
  const sentiment = analyzeSentiment(full);
  const intent = detectIntent(full, sentiment);
  const learned = model ? predict(model, full) : null;
  return {
    lang: input.lang ?? detectLanguage(full),
    sentiment: learned ? learned.label : sentiment.label,
    sentimentScore: learned
      ? Math.round((learned.probabilities[2] - learned.probabilities[0]) * 1000) / 1000
      : sentiment.score,
    sentimentConfidence: learned ? Math.round(Math.max(...learned.probabilities) * 1000) / 1000 : sentiment.confidence,
    intent: intent.label,
    influence: influenceScore(input.followers),
  };
}
