import { KIND_LABELS, RETENTION_KINDS, type RetentionReport } from "@/lib/privacy/settings";

// What a retention run counted (a preview) or did (a run), kind by kind. Shared by the last-run
// summary (rendered on the server) and the panel's preview and run results.

const number = (n: number) => n.toLocaleString("en");

export function RetentionReportTable({ report, caption }: { report: RetentionReport; caption: string }) {
  const preview = report.dryRun;
  const a = report.alongside;
  return (
    <div className="space-y-2">
      <table className="w-full text-left text-sm">
        <caption className="mb-1 text-left text-slate-600">{caption}</caption>
        <thead className="text-xs text-slate-500 uppercase">
          <tr>
            <th className="py-1 font-medium">What</th>
            <th className="py-1 text-right font-medium">{preview ? "Due now" : "Done"}</th>
            {!preview && <th className="py-1 text-right font-medium">Batches</th>}
            {!preview && <th className="py-1 text-right font-medium">Longest batch</th>}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {RETENTION_KINDS.map((kind) => {
            const k = report.kinds[kind];
            return (
              <tr key={kind}>
                <td className="py-1">{KIND_LABELS[kind]}</td>
                <td className="py-1 text-right tabular-nums">{number(preview ? k.matched : k.done)}</td>
                {!preview && <td className="py-1 text-right tabular-nums">{number(k.batches)}</td>}
                {!preview && (
                  <td className="py-1 text-right tabular-nums">{k.batches ? `${number(k.longestBatchMs)} ms` : "–"}</td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
      {!preview && (
        <p className="text-xs text-slate-500">
          Along with them: {number(a.caseMessages)} case messages emptied, {number(a.caseMentions)} case posts
          anonymised, {number(a.mergedContacts)} merged contacts deleted, {number(a.emptyRollupRows)} empty dashboard
          rows removed
          {a.modelRetrainedFrom !== null
            ? `; the sentiment model was retrained from ${number(a.modelRetrainedFrom)} examples`
            : ""}
          . Took {number(Math.round(report.durationMs))} ms.
        </p>
      )}
      {!report.complete && (
        <p className="text-xs text-amber-700">
          Stopped before the end to keep the page responsive; the scheduled job (or{" "}
          <code>npm run -s earshot -- privacy retention</code>) does the rest.
        </p>
      )}
    </div>
  );
}
