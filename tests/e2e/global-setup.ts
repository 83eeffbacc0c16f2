// Starts the real console the way a user does (scripts/start.ts: migrate, seed the demo,
// build if needed, next start) on a fresh database and a free port.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { PROJECT_ROOT } from "../../lib/db/schema-engine";
import { createTestDatabase } from "../support/test-database";
import { freePort } from "../support/ports";

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const port = await freePort();
  const dataDir = mkdtempSync(path.join(tmpdir(), "earshot-e2e-"));
  const database = process.env.TEST_DATABASE_URL ? await createTestDatabase() : null;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    EARSHOT_DATA_DIR: dataDir,
    NEXTAUTH_SECRET: "e2e-secret-not-for-production",
    NEXTAUTH_URL: `http://localhost:${port}`,
    DATABASE_URL: database?.url ?? "",
    EARSHOT_DEMO: "1",
    // The fake networks the replies test starts listen on this machine, as an intranet host would.
    EARSHOT_FETCH_ALLOWLIST: "localhost,127.0.0.1,::1",
  };
  const child: ChildProcess = spawn(
    path.join(PROJECT_ROOT, "node_modules/.bin/tsx"),
    ["--conditions=react-server", "scripts/start.ts"],
    {
      cwd: PROJECT_ROOT,
      env,
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    },
  );
  let output = "";
  child.stdout?.on("data", (d) => (output += d));
  child.stderr?.on("data", (d) => (output += d));
  const baseUrl = `http://localhost:${port}`;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`console did not start:\n${output}`)), 300_000);
    child.on("exit", (code) => reject(new Error(`console exited with ${code}:\n${output}`)));
    const poll = setInterval(() => {
      if (output.includes("Earshot is ready")) {
        clearInterval(poll);
        clearTimeout(timer);
        resolve();
      }
    }, 200);
  });
  console.log(`[e2e] console at ${baseUrl} on ${database ? "PostgreSQL" : "embedded PGlite"}`);
  project.provide("baseUrl", baseUrl);
  return async () => {
    child.removeAllListeners("exit");
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
    try {
      process.kill(-child.pid!, "SIGKILL");
    } catch {
      // already gone
    }
    await database?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  };
}
