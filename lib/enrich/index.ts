// The enrichment stage of the ingestion pipeline: language when the network gave none,
// sentiment, intent, influence. Pure, so it can run anywhere and be replaced per workspace.
import { detectIntent, type IntentLabel } from "./intent";
import { detectLanguage } from "./language";
import { analyzeSentiment, type SentimentLabel } from "./sentiment";

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

export function enrich(input: { text: string; title?: string | null; lang?: string | null; followers?: number | null }): Enrichment {
  const full = input.title ? `${input.title}\n${input.text}` : input.text;
  const sentiment = analyzeSentiment(full);
  const intent = detectIntent(full, sentiment);
  return {
    lang: input.lang ?? detectLanguage(full),
    sentiment: sentiment.label,
    sentimentScore: sentiment.score,
    sentimentConfidence: sentiment.confidence,
    intent: intent.label,
    influence: influenceScore(input.followers),
  };
}
