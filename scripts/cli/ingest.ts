import { parseArgs } from "node:util";
import { io, withDatabase } from "./run";

// ingest --workspace SLUG --format FORMAT FILE...
export async function ingest(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { workspace: { type: "string" }, format: { type: "string" } },
  });
  const { runIngestCommand } = await import("../../lib/ingest/cli");
  return withDatabase(() =>
    runIngestCommand({ workspace: values.workspace, format: values.format, files: positionals }, io),
  );
}
