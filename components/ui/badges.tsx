const STATUS_STYLE: Record<string, string> = {
  NEW: "bg-sky-100 text-sky-800",
  OPEN: "bg-amber-100 text-amber-800",
  PENDING: "bg-violet-100 text-violet-800",
  ON_HOLD: "bg-slate-200 text-slate-700",
  SOLVED: "bg-emerald-100 text-emerald-800",
  CLOSED: "bg-slate-100 text-slate-500",
};
const PRIORITY_STYLE: Record<string, string> = {
  URGENT: "text-red-700 font-semibold",
  HIGH: "text-orange-700 font-medium",
  NORMAL: "text-slate-700",
  LOW: "text-slate-400",
};
const SENTIMENT_STYLE: Record<string, string> = {
  NEGATIVE: "bg-red-50 text-red-700",
  NEUTRAL: "bg-slate-100 text-slate-600",
  POSITIVE: "bg-emerald-50 text-emerald-700",
};
export const NETWORK_LABEL: Record<string, string> = {
  x: "X",
  mastodon: "Mastodon",
  bluesky: "Bluesky",
  reddit: "Reddit",
  facebook: "Facebook",
  instagram: "Instagram",
  youtube: "YouTube",
  rss: "Blog/RSS",
  webhook: "Webhook",
};

const label = (s: string) => s.charAt(0) + s.slice(1).toLowerCase().replace("_", " ");

export function StatusBadge({ status }: { status: string }) {
  return (
    <span className={`rounded px-1.5 py-0.5 text-xs font-medium ${STATUS_STYLE[status] ?? ""}`}>{label(status)}</span>
  );
}

export function PriorityText({ priority }: { priority: string }) {
  return <span className={`text-xs ${PRIORITY_STYLE[priority] ?? ""}`}>{label(priority)}</span>;
}

export function SentimentBadge({ sentiment }: { sentiment: string | null }) {
  if (!sentiment) return null;
  return (
    <span className={`rounded px-1.5 py-0.5 text-xs ${SENTIMENT_STYLE[sentiment] ?? ""}`}>{label(sentiment)}</span>
  );
}

export function NetworkBadge({ network }: { network: string | null }) {
  if (!network) return null;
  return (
    <span className="rounded border border-slate-200 px-1.5 py-0.5 text-xs text-slate-600">
      {NETWORK_LABEL[network] ?? network}
    </span>
  );
}
