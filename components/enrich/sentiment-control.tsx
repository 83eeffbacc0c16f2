"use client";

import { useState } from "react";
import { correctSentimentAction } from "@/lib/enrich/learn/actions";
import { useAction } from "@/components/ui/use-action";

const STYLE: Record<string, string> = {
  NEGATIVE: "bg-red-50 text-red-700 border-red-200",
  NEUTRAL: "bg-slate-100 text-slate-600 border-slate-200",
  POSITIVE: "bg-emerald-50 text-emerald-700 border-emerald-200",
};

/** The mention's sentiment, correctable in one click; the title says why it got its label. */
export function SentimentControl({
  mentionId,
  sentiment,
  reasons,
}: {
  mentionId: string;
  sentiment: string | null;
  reasons: string[];
}) {
  const [value, setValue] = useState(sentiment ?? "NEUTRAL");
  const { pending, error, run } = useAction();
  return (
    <span className="inline-flex items-center gap-1">
      <select
        aria-label="Sentiment"
        title={reasons.length ? `Why: ${reasons.join(", ")}` : "No strong cues"}
        value={value}
        disabled={pending}
        onChange={(e) => {
          const next = e.target.value as "POSITIVE" | "NEUTRAL" | "NEGATIVE";
          setValue(next);
          run(() => correctSentimentAction({ mentionId, label: next }));
        }}
        className={`rounded border px-1 py-0.5 text-xs ${STYLE[value] ?? ""}`}
      >
        <option value="NEGATIVE">Negative</option>
        <option value="NEUTRAL">Neutral</option>
        <option value="POSITIVE">Positive</option>
      </select>
      {error && (
        <span role="alert" className="text-xs text-red-600">
          {error}
        </span>
      )}
    </span>
  );
}
