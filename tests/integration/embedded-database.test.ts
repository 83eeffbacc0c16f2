import { execFile, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { embeddedOwner, openEmbeddedDatabase } from "@/lib/db/embedded";
import { PROJECT_ROOT } from "@/lib/db/schema-engine";

const run = promisify(execFile);
const TSX = path.join(PROJECT_ROOT, "node_modules/.bin/tsx");
const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(path.join(tmpdir(), "earshot-embedded-"));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function query(url: string, sql: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

describe("embedded database", () => {
  it("lets a second process (the CLI) join the owner over its port instead of opening the directory", async () => {
    const dir = tempDir();
    const owner = await openEmbeddedDatabase("console", dir);
    expect(owner.kind).toBe("owner");
    try {
      await query(owner.url, "CREATE TABLE marker (id int); INSERT INTO marker VALUES (1), (2)");
      const { stdout } = await run(
        TSX,
        ["--conditions=react-server", path.join(PROJECT_ROOT, "tests/support/embedded-guest.ts"), dir],
        { cwd: PROJECT_ROOT },
      );
      expect(JSON.parse(stdout.trim().split("\n").at(-1)!)).toEqual({ kind: "guest", n: 2 });
      expect(embeddedOwner(dir)).toMatchObject({ pid: process.pid, role: "console" });
    } finally {
      await owner.stop();
    }
    expect(existsSync(path.join(dir, "pglite.lock"))).toBe(false);
  }, 60_000);

  it("keeps data across reopen and takes over a lock left by a process that died", async () => {
    const dir = tempDir();
    const first = await openEmbeddedDatabase("cli", dir);
    await query(first.url, "CREATE TABLE marker (id int); INSERT INTO marker VALUES (7)");
    await first.stop();
    const dead = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"]).stdout.toString();
    writeFileSync(path.join(dir, "pglite.lock"), JSON.stringify({ pid: Number(dead), role: "console", port: 1 }));
    const second = await openEmbeddedDatabase("cli", dir);
    try {
      expect(second.kind).toBe("owner");
      expect(await query(second.url, "SELECT id FROM marker")).toEqual([{ id: 7 }]);
    } finally {
      await second.stop();
    }
  }, 60_000);

  it("makes a second `npm start` on the same data directory stop with a clear message", async () => {
    const dir = tempDir();
    const owner = await openEmbeddedDatabase("console", dir);
    try {
      const result = await run(TSX, ["--conditions=react-server", path.join(PROJECT_ROOT, "scripts/start.ts")], {
        cwd: PROJECT_ROOT,
        env: { ...process.env, DATABASE_URL: "", EARSHOT_DATA_DIR: dir, PORT: "3987" },
      }).catch((error: { code: number; stderr: string }) => error);
      expect(result).toMatchObject({ code: 1 });
      expect((result as { stderr: string }).stderr).toMatch(/already running/);
    } finally {
      await owner.stop();
    }
  }, 60_000);
});
