// `npm start` killed with kill -9 (issue 14): the web server it spawned must not outlive it and
// keep the port. Runs the real start script (scripts/start.ts: embedded PGlite in a fresh data
// directory, migrations, next start on the existing build) as tests/e2e/global-setup.ts does,
// kills it in the ways a person would, and checks that the port comes free and that a second
// start on the same port and data directory succeeds. Needs a production build (.next/BUILD_ID):
// CI builds before testing; without one this file skips, saying so.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "@/lib/db/schema-engine";
import { processRunning, type ServerRecord } from "../../scripts/lib/processes";
import { waitFor } from "../support/wait";
import { freePort } from "../support/ports";

const BUILT = existsSync(path.join(PROJECT_ROOT, ".next/BUILD_ID"));
if (!BUILT) console.warn("[start-orphan] skipped: no production build (.next/BUILD_ID). Run `npx next build` first.");

function listening(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, host);
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

interface Started {
  launcher: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

const spawned: ChildProcess[] = [];
const dataDir = mkdtempSync(path.join(tmpdir(), "earshot-orphan-"));
let port = 0;

/** `npm start` as a person runs it (tsx on scripts/start.ts), in its own process group for cleanup. */
async function start(): Promise<Started> {
  const launcher = spawn(
    path.join(PROJECT_ROOT, "node_modules/.bin/tsx"),
    ["--conditions=react-server", "scripts/start.ts"],
    {
      cwd: PROJECT_ROOT,
      env: {
        ...process.env,
        PORT: String(port),
        EARSHOT_DATA_DIR: dataDir,
        NEXTAUTH_SECRET: "orphan-test-secret-not-for-production",
        NEXTAUTH_URL: `http://localhost:${port}`,
        DATABASE_URL: "", // the embedded database in dataDir, whatever the test database is
        EARSHOT_DEMO: "0",
        EARSHOT_REUSE_BUILD: "1", // others may be editing the tree: serve the build as it is
        NEXT_TELEMETRY_DISABLED: "1",
      },
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    },
  );
  spawned.push(launcher);
  let output = "";
  launcher.stdout?.on("data", (d) => (output += d));
  launcher.stderr?.on("data", (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => launcher.once("exit", (code) => resolve(code)));
  await waitFor(
    async () => output.includes("Earshot is ready") || launcher.exitCode !== null,
    180_000,
    "the console to start",
  );
  if (!output.includes("Earshot is ready")) throw new Error(`The console did not start:\n${output}`);
  // It answers, through localhost as a browser would.
  expect((await fetch(`http://localhost:${port}/api/health`)).status).toBe(200);
  return { launcher, output: () => output, exited };
}

function serverRecord(): ServerRecord {
  return JSON.parse(readFileSync(path.join(dataDir, "server.json"), "utf8")) as ServerRecord;
}

async function portFreed(): Promise<void> {
  await waitFor(
    async () => !(await listening(port, "127.0.0.1")) && !(await listening(port, "localhost")),
    20_000,
    `port ${port} to be freed`,
  );
}

afterAll(async () => {
  // Whatever a failed assertion left behind: every process group this file started.
  for (const child of spawned) {
    try {
      process.kill(-child.pid!, "SIGKILL");
    } catch {
      // already gone
    }
  }
  try {
    const { pid } = serverRecord();
    if (processRunning(pid)) process.kill(pid, "SIGKILL");
  } catch {
    // no record left
  }
  rmSync(dataDir, { recursive: true, force: true });
});

describe.skipIf(!BUILT)("npm start killed with kill -9", () => {
  it("takes its web server with it (launcher or start script killed), and a second start on the same port succeeds", async () => {
    port = await freePort();

    // 1. kill -9 of the tsx launcher: the start script and the server both go, the port comes free.
    const first = await start();
    const firstServer = serverRecord();
    expect(processRunning(firstServer.pid)).toBe(true);
    process.kill(first.launcher.pid!, "SIGKILL");
    await portFreed();
    await waitFor(
      async () => !processRunning(firstServer.pid) && !processRunning(firstServer.parentPid),
      20_000,
      "the server and the start script to exit",
    );

    // 2. A second start on the same port and data directory; then kill -9 of the start script itself
    //    (the server's own parent).
    const second = await start();
    const secondServer = serverRecord();
    expect(secondServer.pid).not.toBe(firstServer.pid);
    expect(secondServer.port).toBe(port);
    process.kill(secondServer.parentPid, "SIGKILL");
    await portFreed();
    await waitFor(async () => !processRunning(secondServer.pid), 20_000, "the server to exit");
    await second.exited;

    // 3. A server that could not notice (stopped, as if hung) when its start was killed: the next
    //    start recognises it from the pid file and replaces it.
    const third = await start();
    const thirdServer = serverRecord();
    process.kill(thirdServer.pid, "SIGSTOP");
    process.kill(thirdServer.parentPid, "SIGKILL");
    await third.exited;
    expect(await listening(port, "127.0.0.1")).toBe(true); // the frozen orphan still holds the port
    const fourth = await start();
    expect(fourth.output()).toContain(`Stopping the web server a previous start left running (pid ${thirdServer.pid})`);
    expect(processRunning(thirdServer.pid)).toBe(false);

    // 4. A plain SIGTERM still shuts everything down cleanly: exit code 0, port free, records removed.
    const fourthServer = serverRecord();
    process.kill(fourth.launcher.pid!, "SIGTERM");
    expect(await fourth.exited).toBe(0);
    await portFreed();
    expect(processRunning(fourthServer.pid)).toBe(false);
    expect(existsSync(path.join(dataDir, "server.json"))).toBe(false);
    expect(existsSync(path.join(dataDir, "pglite.lock"))).toBe(false);
  }, 600_000);
});
