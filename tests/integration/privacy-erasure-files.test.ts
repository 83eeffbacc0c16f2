// The embedded database's own files keep nothing of an erased person: a child process ingests
// posts carrying a marker into an on-disk PGlite, erases their author and closes the database;
// then every file of the data folder (tables, indexes, the write-ahead log) is read byte by byte.
import { execFile } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "@/lib/db/schema-engine";

const run = promisify(execFile);

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

describe("erasure on the embedded database", () => {
  it("leaves no marker in any file of the data folder", { timeout: 180_000 }, async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), "earshot-erasure-"));
    const marker = `zqfile${Date.now().toString(36)}`;
    try {
      const { stdout } = await run(
        path.join(PROJECT_ROOT, "node_modules/.bin/tsx"),
        ["--conditions=react-server", path.join(PROJECT_ROOT, "tests/support/erasure-files-child.ts")],
        { cwd: PROJECT_ROOT, env: { ...process.env, DATABASE_URL: "", EARSHOT_DATA_DIR: dataDir, MARKER: marker } },
      );
      expect(JSON.parse(stdout.trim().split("\n").at(-1)!)).toMatchObject({ mentions: 40, identities: 1 });
      const files = filesUnder(dataDir);
      const needle = Buffer.from(marker, "utf8");
      const holding = files.filter((f) => readFileSync(f).includes(needle));
      console.log(`[erasure] read ${files.length} files of the embedded database: ${holding.length} hold the marker`);
      expect(holding.map((f) => path.relative(dataDir, f))).toEqual([]);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
