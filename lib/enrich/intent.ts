// Intent: question, complaint, praise or other. Pure.
import type { SentimentResult } from "./sentiment";

export type IntentLabel = "QUESTION" | "COMPLAINT" | "PRAISE" | "OTHER";

const QUESTION_START =
  /(^|[.!]\s+|@\w+\s+)(how|what|when|where|why|who|which|can|could|does|do|is|are|will|would|should|any ?one|anybody)\b[^.!]*\?/i;
const COMPLAINT =
  /\b(refund|compensat\w*|complain\w*|lost|delay\w*|cancel+ed|broken|waiting|on hold|never|worst|unacceptable|rude|charged)\b/i;
const PRAISE = /\b(thank\w*|thx|kudos|great|awesome|amazing|love|best|excellent|shout ?out|appreciate\w*)\b/i;

export function detectIntent(text: string, sentiment: SentimentResult): { label: IntentLabel; confidence: number } {
  const question = text.includes("?") && (QUESTION_START.test(text) || /\?\s*$/.test(text.trim()));
  if (sentiment.label === "NEGATIVE" && (COMPLAINT.test(text) || sentiment.score < -0.5))
    return { label: "COMPLAINT", confidence: 0.6 + Math.min(0.35, -sentiment.score / 2) };
  if (question) return { label: "QUESTION", confidence: 0.75 };
  if (sentiment.label === "POSITIVE" && PRAISE.test(text))
    return { label: "PRAISE", confidence: 0.6 + Math.min(0.35, sentiment.score / 2) };
  if (sentiment.label === "NEGATIVE") return { label: "COMPLAINT", confidence: 0.5 };
  return { label: "OTHER", confidence: 0.5 };
}
