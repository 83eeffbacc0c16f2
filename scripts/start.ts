// npm start: opens the database (embedded PGlite under .data/ unless DATABASE_URL is set),
// applies migrations, seeds the demo into an empty database, builds the app if the build is
// missing or older than the sources, then serves the console. `npm run dev` does the same
// with `next dev`.
// The web server is a child process that never outlives this one: it watches this process
// (scripts/lib/exit-with-parent.cjs), this process watches the launchers above it (npm, tsx),
// and a server left by an older, killed start is recognised by its pid file and replaced.
// EARSHOT_REUSE_BUILD=1 serves an existing build even when the sources look newer (tests that
// run beside someone editing the tree).
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { createDbClient } from "../lib/db/client";
import { DATA_DIR } from "../lib/db/embedded";
import { connectDatabase } from "../lib/db/connect";
import { resolveAuthSecret } from "../lib/db/auth-secret";
import { resolveSecretKeyText } from "../lib/secrets/key-source";
import { applyMigrations, PROJECT_ROOT } from "../lib/db/schema-engine";
import { demoSeedingAllowed } from "../lib/demo/policy";
import { DEMO_PASSWORD, DEMO_USERS, isDatabaseEmpty, seedDemo } from "../lib/demo/seed";
import {
  forgetServer,
  launcherChain,
  orphanedServer,
  recordServer,
  serverRecordPath,
  stopProcess,
  watchLaunchers,
} from "./lib/processes";

const dev = process.argv.includes("--dev");
const port = Number(process.env.PORT ?? 3000);
// Read before the embedded database's own URL is put into DATABASE_URL for Prisma.
const externalDatabase = !!process.env.DATABASE_URL;
const NEXT_BIN = path.join(PROJECT_ROOT, "node_modules/next/dist/bin/next");
const EXIT_WITH_PARENT = path.join(PROJECT_ROOT, "scripts/lib/exit-with-parent.cjs");
const REQUEST_GUARD = path.join(PROJECT_ROOT, "scripts/lib/request-guard.cjs");
const SERVER_RECORD = serverRecordPath(DATA_DIR);
const SOURCES = [
  "app",
  "components",
  "lib",
  "public",
  "types",
  "proxy.ts",
  "next.config.js",
  "postcss.config.mjs",
  "tsconfig.json",
  "package.json",
];

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
  if (process.env.EARSHOT_REUSE_BUILD === "1") return true;
  const built = statSync(buildId).mtimeMs;
  return SOURCES.every((s) => newestMtime(path.join(PROJECT_ROOT, s)) <= built);
}

function portInUse(p: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(p, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
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

/** A web server that a killed start left on our port: stopped, so this start can take over. */
async function replaceOrphanedServer(): Promise<void> {
  const orphan = orphanedServer(SERVER_RECORD, port, PROJECT_ROOT);
  if (!orphan) return;
  console.log(`Stopping the web server a previous start left running (pid ${orphan.pid}).`);
  await stopProcess(orphan.pid);
  for (let i = 0; i < 50 && (await portInUse(port)); i++) await new Promise((r) => setTimeout(r, 100));
  forgetServer(SERVER_RECORD, orphan.pid);
}

function waitForExit(child: ReturnType<typeof spawn>, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

async function main() {
  const started = Date.now();
  // Read before anything else: a launcher killed during start-up must still be noticed.
  const parent = process.ppid;
  const launchers = launcherChain(parent);
  await replaceOrphanedServer();
  if (await portInUse(port)) {
    console.error(
      `Port ${port} is already in use. Is Earshot already running? Stop it, or start on another port: PORT=3001 npm start`,
    );
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

  // Secrets older sources kept in plain settings are sealed (lib/sources/secrets.ts).
  process.env.DATABASE_URL = connection.url;
  process.env.EARSHOT_SECRET_KEY ??= resolveSecretKeyText();
  const { sealSourceSecrets } = await import("../lib/sources/secrets");
  const sealed = await sealSourceSecrets();
  if (sealed) console.log(`Sealed the secrets of ${sealed} source(s).`);

  const client = createDbClient(connection.url);
  let seeded = false;
  if (demoSeedingAllowed() && (await isDatabaseEmpty(client))) {
    const result = await seedDemo(client, { seed: Number(process.env.EARSHOT_DEMO_SEED ?? 42) });
    console.log(
      `Seeded the demo workspace: ${result.mentions} mentions, ${result.cases} cases, ${result.contacts} contacts.`,
    );
    seeded = true;
  }
  await client.$disconnect();

  const env = {
    ...process.env,
    DATABASE_URL: connection.url,
    NEXTAUTH_SECRET: resolveAuthSecret(),
    // The key that seals connected accounts' and sources' secrets (generated into .data/ when not set).
    EARSHOT_SECRET_KEY: resolveSecretKeyText(),
    NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? `http://localhost:${port}`,
    NEXT_TELEMETRY_DISABLED: "1",
  };
  if (!dev && !buildIsCurrent()) {
    console.log("Building the console (first start, or the sources changed)…");
    const build = spawnSync(process.execPath, [NEXT_BIN, "build"], {
      cwd: PROJECT_ROOT,
      env: { ...env, NODE_ENV: "production" },
      stdio: "inherit",
    });
    if (build.status !== 0) {
      await shutdownDb();
      process.exit(build.status ?? 1);
    }
  }
  // The server's stdin is a pipe this process holds open until it exits: end-of-file there tells
  // the server (through the preloaded guard) that `npm start` is gone, even after a kill -9.
  const child = spawn(
    process.execPath,
    ["--require", EXIT_WITH_PARENT, "--require", REQUEST_GUARD, NEXT_BIN, dev ? "dev" : "start", "-p", String(port)],
    {
      cwd: PROJECT_ROOT,
      env: {
        ...(dev ? env : { ...env, NODE_ENV: "production" }),
        EARSHOT_SERVER_PARENT_PID: String(process.pid),
        EARSHOT_SERVER_PARENT_PIPE: "stdin",
      },
      stdio: ["pipe", "inherit", "inherit"],
    },
  );
  if (child.pid)
    recordServer(SERVER_RECORD, {
      pid: child.pid,
      parentPid: process.pid,
      port,
      root: PROJECT_ROOT,
      startedAt: new Date().toISOString(),
    });
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    // The server first (it holds the port and uses the database), then the database.
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      if (!(await waitForExit(child, 10_000))) child.kill("SIGKILL");
    }
    forgetServer(SERVER_RECORD, child.pid);
    await shutdownDb();
    process.exit(code);
  };
  process.on("SIGINT", () => void stop(0));
  process.on("SIGTERM", () => void stop(0));
  process.on("SIGHUP", () => void stop(0));
  child.on("exit", (code) => void stop(code ?? 0));
  // Whatever ends this process (an error below, process.exit), the server goes with it.
  process.once("exit", () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  });
  // Killed launchers (kill -9 of npm or tsx) leave this process running but orphaned: stop too.
  watchLaunchers(
    launchers,
    (who) => {
      console.error(`The command that started Earshot (${who}) is gone: stopping.`);
      void stop(0);
    },
    parent,
  );

  // The background jobs (connectors, metrics, outbox, retention) run beside the console, in this process.
  process.env.DATABASE_URL = connection.url;
  const { startBackgroundJobs } = await import("../lib/runtime/jobs");
  const jobs = await startBackgroundJobs();
  process.once("exit", () => void jobs.stop());

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
