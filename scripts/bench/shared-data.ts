// Locates ../shared (read-only data others own: read at run time, never copied in).
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { parseCsvRecords } from "../../lib/util/csv";
import { PROJECT_ROOT } from "../../lib/db/schema-engine";

export const SHARED_DIR = process.env.EARSHOT_SHARED_DIR ?? path.resolve(PROJECT_ROOT, "../shared");

export function airlineTweets(): string[] | null {
  const file = path.join(SHARED_DIR, "data/airline/tweets-dev.csv");
  if (!existsSync(file)) return null;
  return parseCsvRecords(readFileSync(file, "utf8"))
    .map((r) => r.record.text)
    .filter(Boolean);
}
