// Display formats for the dashboard's figures. Pure.

export function minutesText(m: number | null): string {
  if (m === null) return "—";
  if (m < 60) return `${Math.round(m)} min`;
  if (m < 48 * 60) return `${(m / 60).toFixed(1)} h`;
  return `${(m / 1440).toFixed(1)} d`;
}

export const percentText = (x: number | null) => (x === null ? "—" : `${(x * 100).toFixed(1)}%`);
export const countText = (n: number) => n.toLocaleString("en");

export const NETWORK_COLORS: Record<string, string> = {
  x: "#0f172a",
  mastodon: "#6364ff",
  bluesky: "#1185fe",
  reddit: "#ff4500",
  facebook: "#1877f2",
  instagram: "#e1306c",
  youtube: "#ff0000",
  rss: "#f59e0b",
  webhook: "#64748b",
};
export const SENTIMENT_COLORS = { POSITIVE: "#16a34a", NEUTRAL: "#94a3b8", NEGATIVE: "#dc2626", UNSCORED: "#e2e8f0" };
