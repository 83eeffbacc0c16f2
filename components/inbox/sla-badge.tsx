/** The SLA countdown of a row or case: time left, at risk (amber), breached (red), paused. */
export function SlaBadge({
  sla,
  now,
}: {
  sla: { dueAt: string | null; atRiskAt: string | null; paused: boolean };
  now: number;
}) {
  if (!sla.dueAt) return <span className="text-xs text-slate-400">—</span>;
  if (sla.paused)
    return (
      <span className="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-600" title="Clock paused while waiting">
        paused
      </span>
    );
  const due = Date.parse(sla.dueAt);
  const left = due - now;
  const abs = Math.abs(left);
  const text =
    abs < 3_600_000
      ? `${Math.max(1, Math.round(abs / 60_000))} min`
      : abs < 48 * 3_600_000
        ? `${Math.round(abs / 3_600_000)} h`
        : `${Math.round(abs / 86_400_000)} d`;
  const state = left <= 0 ? "breached" : sla.atRiskAt && Date.parse(sla.atRiskAt) <= now ? "at risk" : "ok";
  const style =
    state === "breached"
      ? "bg-red-100 text-red-800"
      : state === "at risk"
        ? "bg-amber-100 text-amber-900"
        : "bg-emerald-50 text-emerald-800";
  return (
    <time
      dateTime={sla.dueAt}
      title={`SLA due ${new Date(due).toUTCString()}`}
      className={`whitespace-nowrap rounded px-1.5 py-0.5 text-xs ${style}`}
      data-sla={state}
    >
      {left <= 0 ? `${text} over` : `${text} left`}
    </time>
  );
}
