import { existsSync } from "node:fs";
import path from "node:path";
import { PROJECT_ROOT } from "@/lib/db/schema-engine";

export const SHARED_DIR = process.env.EARSHOT_SHARED_DIR ?? path.resolve(PROJECT_ROOT, "../shared");
export const hasShared = existsSync(path.join(SHARED_DIR, "fixtures"));
if (!hasShared)
  console.warn(`[skip] ../shared not found at ${SHARED_DIR}: tests on real captured payloads are skipped.`);
