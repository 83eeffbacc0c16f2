import Link from "next/link";

export function Panel({
  title,
  children,
  actions,
  className = "",
}: {
  title: string;
  children: React.ReactNode;
  actions?: React.ReactNode;
  className?: string;
}) {
  return (
    <section className={`rounded-lg border border-slate-200 bg-white p-4 ${className}`} aria-label={title}>
      <div className="mb-3 flex items-center justify-between gap-2">
        <h3 className="font-medium">{title}</h3>
        {actions}
      </div>
      {children}
    </section>
  );
}

/** A headline figure; the whole tile links to the rows it counts. */
export function Kpi({
  label,
  value,
  hint,
  href,
  testId,
}: {
  label: string;
  value: string;
  hint?: string;
  href?: string;
  testId?: string;
}) {
  const body = (
    <>
      <div className="text-xs uppercase text-slate-500">{label}</div>
      <div className="mt-1 text-2xl font-semibold tabular-nums" data-testid={testId}>
        {value}
      </div>
      {hint && <div className="mt-0.5 text-xs text-slate-500">{hint}</div>}
    </>
  );
  const cls = "block rounded-lg border border-slate-200 bg-white p-4";
  return href ? (
    <Link href={href} className={`${cls} hover:border-indigo-300 hover:shadow-sm`}>
      {body}
    </Link>
  ) : (
    <div className={cls}>{body}</div>
  );
}

/** A chart with its table alternative one click away (and always in the document). */
export function WithTable({ chart, table }: { chart: React.ReactNode; table: React.ReactNode }) {
  return (
    <div>
      {chart}
      <details className="mt-2">
        <summary className="cursor-pointer text-xs text-indigo-700">Show as table</summary>
        <div className="mt-2">{table}</div>
      </details>
    </div>
  );
}
