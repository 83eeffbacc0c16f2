export const USAGE = `Usage: npm run -s earshot -- <command> [options]

Commands:
  match --rules RULES.json --mentions MENTIONS.jsonl
      Match mentions against keyword rules; prints {"id","matches"} per mention.
  ingest --workspace SLUG --format x|mastodon|bluesky|reddit|facebook|instagram|youtube|rss|jsonl FILE...
      Run files through the ingestion pipeline; prints a JSON summary.
  export mentions --workspace SLUG [--since ISO-TIME]
      Write the workspace's mentions as JSON lines.
  export cases --workspace SLUG [--since YYYY-MM-DD] [--until YYYY-MM-DD] [--metric created|solved|responded|awaiting|sla_met|sla_breached] [--out FILE]
      One CSV row per case created in the period (local dates), with its first response, resolution
      and SLA metrics, as the dashboard computes them; other metrics list the rows behind that figure.
  sentiment learn --workspace SLUG --labels FILE.csv [--text-column text] [--label-column label]
      Teach the workspace's sentiment model from a labelled file (positive|neutral|negative).
  sentiment rescore --workspace SLUG
      Re-score the workspace's mentions with its current model, in batches.
  sentiment eval --labels FILE.csv [--text-column text] [--label-column label] [--folds 5]
      Accuracy, macro-F1 and per-class F1 of the out-of-the-box analyzer and of the learned
      model (k-fold cross-validation: no text is scored by a model that learned from it).
  contacts import --workspace SLUG --file FILE.csv [--map "Column=target,..."] [--dry-run] [--on-conflict skip|create]
      Import contacts from CSV: one JSON line per row (create, update, unchanged, conflict or
      reject, with the reason), then a summary. Rows match by Earshot id, external id, then
      e-mail, so re-importing a file changes nothing. A row that would change another person's
      record (a shared mailbox, another external id) is a conflict: skipped (default) or added
      as a separate contact (--on-conflict create). --dry-run reports and writes nothing.
  contacts rebuild-keys --workspace SLUG
      Recompute the workspace's contact matching keys (names, handles, domains) after an
      upgrade changed how they are derived.
  contacts export --workspace SLUG [--format csv|json] [--out FILE]
      Every contact with its social identities.
  poll [--watch]
      Poll the pull connectors (RSS/Atom) that are due; with --watch, keep polling every minute.

The database is DATABASE_URL, or the embedded one in .data/ (joined through the console when it runs).
`;
