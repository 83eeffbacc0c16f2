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
  accounts add --workspace SLUG --brand NAME --network NETWORK [--<field> VALUE ...]
      Connect the account a brand replies from. Fields are the network's (kebab case):
        mastodon  --instance URL --token TOKEN
        bluesky   --handle H --app-password P [--service URL]
        x         --client-id ID --access-token T --refresh-token R [--client-secret S]
        facebook  --page-id ID --page-access-token T
        instagram --ig-user-id ID --access-token T
        youtube   --client-id ID --client-secret S --refresh-token R
        reddit    --client-id ID --client-secret S --refresh-token R --username U
      Secrets are encrypted at rest; the account is "untested" until tested.
  accounts list --workspace SLUG
      The workspace's connected accounts (secrets shown only as their last four characters).
  accounts test --workspace SLUG (--id ACCOUNT_ID | --brand NAME --network NETWORK)
      Ask the network who the credentials are; prints the account name or the network's error.
  outbox --once | --watch
      Deliver the replies and webhook calls that are due (--once: one pass, a JSON summary);
      --watch keeps delivering until stopped. npm start runs this worker itself.
  secrets rotate
      Re-encrypt every stored secret (connected accounts, sources, webhook endpoints) with the
      current EARSHOT_SECRET_KEY; the old key must be listed in EARSHOT_SECRET_KEY_PREVIOUS.
  privacy export --workspace SLUG (--contact ID | --identity NETWORK:ACCOUNT_ID) [--format json|html] [--out FILE]
      Everything Earshot holds about one person (a contact with all their identities, or one
      social identity): JSON (default) or a readable HTML page. Audited as privacy.exported.
  privacy erase --workspace SLUG (--contact ID | --identity NETWORK:ACCOUNT_ID) (--dry-run | --yes)
      Erase everything Earshot holds about a person (docs/privacy.md): --dry-run shows what would
      go; without --yes it shows that and asks for the person's name. Resumes unfinished erasures.
  privacy retention [--workspace SLUG] [--dry-run]
      Apply the retention periods of Admin → Privacy now (every workspace unless --workspace);
      --dry-run only counts. The console runs this every six hours.
  poll [--watch]
      Poll the pull connectors (RSS/Atom) that are due; with --watch, keep polling every minute.

The database is DATABASE_URL, or the embedded one in .data/ (joined through the console when it runs).
`;
