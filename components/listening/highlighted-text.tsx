import type { Span } from "@/lib/listening/query/evaluate";

/** Untrusted post text with matched spans marked. React escapes every piece. */
export function HighlightedText({ text, spans }: { text: string; spans: Span[] }) {
  const parts: React.ReactNode[] = [];
  let at = 0;
  spans.forEach(([start, end], i) => {
    if (start < at || end > text.length) return;
    if (start > at) parts.push(text.slice(at, start));
    parts.push(
      <mark key={i} className="rounded bg-yellow-200 px-0.5 text-slate-900">
        {text.slice(start, end)}
      </mark>,
    );
    at = end;
  });
  if (at < text.length) parts.push(text.slice(at));
  return <span className="whitespace-pre-wrap break-words">{parts}</span>;
}
