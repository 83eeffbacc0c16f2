// npm start: opens the database (embedded PGlite under .data/ unless DATABASE_URL is set),
// applies migrations, seeds the demo into an empty database, builds the app if the build is
// missing or older than the sources, then serves the console. `npm run dev` does the same
// with `next dev`.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { createDbClient } from "../lib/db/client";
import { connectDatabase } from "../lib/db/connect";
import { resolveAuthSecret } from "../lib/db/auth-secret";
import { applyMigrations, PROJECT_ROOT } from "../lib/db/schema-engine";
import { demoSeedingAllowed } from "../lib/demo/policy";
import { DEMO_PASSWORD, DEMO_USERS, isDatabaseEmpty, seedDemo } from "../lib/demo/seed";

const dev = process.argv.includes("--dev");
const port = Number(process.env.PORT ?? 3000);
// Read before the embedded database's own URL is put into DATABASE_URL for Prisma.
const externalDatabase = !!process.env.DATABASE_URL;
const NEXT_BIN = path.join(PROJECT_ROOT, "node_modules/next/dist/bin/next");
const SOURCES = ["app", "components", "lib", "public", "types", "proxy.ts", "next.config.js", "postcss.config.mjs", "tsconfig.json", "package.json"];

function newestMtime(target: string): number {
  if (!existsSync(target)) return 0;
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(target)) newest = Math.max(newest, newestMtime(path.join(target, entry)));
  return newest;
}

function buildIsCurrent(): boolean {
  const buildId = path.join(PROJECT_ROOT, ".next/BUILD_ID");
  if (!existsSync(buildId)) return false;
  const built = statSync(buildId).mtimeMs;
  return SOURCES.every((s) => newestMtime(path.join(PROJECT_ROOT, s)) <= built);
}

function portInUse(p: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(p, "127.0.0.1");
    socket.once("connect", () => { socket.destroy(); resolve(true); });
    socket.once("error", () => resolve(false));
  });
}

async function waitForHealthy(url: string, child: ReturnType<typeof spawn>): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error("The web server exited during start-up.");
    try {
      const response = await fetch(`${url}/api/health`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error("The web server did not become healthy within 2 minutes.");
}

async function main() {
  const started = Date.now();
  if (await portInUse(port)) {
    console.error(`Port ${port} is already in use. Is Earshot already running? Stop it, or start on another port: PORT=3001 npm start`);
    process.exit(1);
  }
  const connection = await connectDatabase("console");
  if (connection.embedded?.kind === "guest") {
    const owner = connection.embedded.owner;
    console.error(
      `The embedded database in .data/ is open in another process (${owner.role}, pid ${owner.pid}).\n` +
        (owner.role === "console"
          ? "Earshot is already running: use that console, or stop it (Ctrl+C in its terminal) before starting another."
          : "Wait for that command to finish, then run npm start again."),
    );
    process.exit(1);
  }
  const shutdownDb = connection.close;
  const applied = await applyMigrations(connection.url);
  if (applied.length) console.log(`Applied ${applied.length} migration(s).`);

  const client = createDbClient(connection.url);
  let seeded = false;
  if (demoSeedingAllowed() && (await isDatabaseEmpty(client))) {
    const result = await seedDemo(client, { seed: Number(process.env.EARSHOT_DEMO_SEED ?? 42) });
    console.log(`Seeded the demo workspace: ${result.mentions} mentions, ${result.cases} cases, ${result.contacts} contacts.`);
    seeded = true;
  }
  await client.$disconnect();

  const env = {
    ...process.env,
    DATABASE_URL: connection.url,
    NEXTAUTH_SECRET: resolveAuthSecret(),
    NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? `http://localhost:${port}`,
    NEXT_TELEMETRY_DISABLED: "1",
  };
  if (!dev && !buildIsCurrent()) {
    console.log("Building the console (first start, or the sources changed)…");
    const build = spawnSync(process.execPath, [NEXT_BIN, "build"], { cwd: PROJECT_ROOT, env: { ...env, NODE_ENV: "production" }, stdio: "inherit" });
    if (build.status !== 0) {
      await shutdownDb();
      process.exit(build.status ?? 1);
    }
  }
  const child = spawn(process.execPath, [NEXT_BIN, dev ? "dev" : "start", "-p", String(port)], {
    cwd: PROJECT_ROOT,
    env: dev ? env : { ...env, NODE_ENV: "production" },
    stdio: ["ignore", "inherit", "inherit"],
  });
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    child.kill("SIGTERM");
    await shutdownDb();
    process.exit(code);
  };
  process.on("SIGINT", () => void stop(0));
  process.on("SIGTERM", () => void stop(0));
  child.on("exit", (code) => void stop(code ?? 0));

  // Pull connectors (RSS/Atom polling) run beside the console, in this process.
  process.env.DATABASE_URL = connection.url;
  const { startWorker } = await import("../lib/connectors/worker");
  const stopWorker = startWorker();
  const { startMetricsWorker } = await import("../lib/metrics/worker");
  const stopMetricsWorker = startMetricsWorker();
  process.once("exit", () => {
    stopWorker();
    stopMetricsWorker();
  });

  const url = `http://localhost:${port}`;
  await waitForHealthy(url, child);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`\n  Earshot is ready at ${url}  (${seconds} s)${seeded ? "  — demo data seeded" : ""}`);
  console.log(`  Database: ${externalDatabase ? "DATABASE_URL" : "embedded PGlite in .data/"}`);
  if (demoSeedingAllowed()) {
    console.log("  Demo logins (password for all: " + DEMO_PASSWORD + "):");
    for (const u of DEMO_USERS) console.log(`    ${u.role.padEnd(7)} ${u.email}`);
  }
  console.log("  Press Ctrl+C to stop.\n");
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
