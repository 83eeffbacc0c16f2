import { analyzeSentiment } from "../sentiment";
import { explain, type ModelState } from "./model";

/** Why a text got its sentiment: the learned model's strongest features, or the analyzer's cues. Pure. */
export function sentimentReasons(text: string, model: ModelState | null): string[] {
  if (model) {
    return explain(model, text, 8)
      .filter(({ feature }) => feature !== "bias" && !feature.startsWith("base:"))
      .slice(0, 4)
      .map(({ feature }) =>
        feature
          .replace(/^(w|b|cue|p):/, "")
          .replace(/\^_/, "")
          .replace(/_/g, " ")
          .replace(/^NOT /, "not "),
      );
  }
  return analyzeSentiment(text)
    .cues.slice(0, 4)
    .map((c) => c.cue);
}
