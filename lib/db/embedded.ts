// The embedded database: PGlite stored under .data/, owned by exactly one process at a time.
// The owner serves it on a loopback port and records that port in a lock file; any other
// process (the CLI while the console runs, a second `npm start`) connects to that port
// instead of opening the directory, which PGlite would corrupt.
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { startPgliteServer } from "./pglite-server";
import { PROJECT_ROOT } from "./schema-engine";

export const DATA_DIR = process.env.EARSHOT_DATA_DIR ?? path.join(PROJECT_ROOT, ".data");

interface LockInfo {
  pid: number;
  port?: number;
  role: string;
}

export type EmbeddedHandle =
  | { kind: "owner"; url: string; stop: () => Promise<void> }
  | { kind: "guest"; url: string; owner: LockInfo; stop: () => Promise<void> };

function lockPath(dataDir: string) {
  return path.join(dataDir, "pglite.lock");
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function readLock(file: string): LockInfo | null {
  try {
    return JSON.parse(readFileSync(file, "utf8")) as LockInfo;
  } catch {
    return null;
  }
}

function urlFor(port: number) {
  return `postgresql://postgres:postgres@127.0.0.1:${port}/postgres?sslmode=disable`;
}

/**
 * Opens the embedded database, or joins the process that already has it open.
 * `role` names this process in the lock ("console", "cli") so others can say who holds it.
 */
export async function openEmbeddedDatabase(role: string, dataDir = DATA_DIR): Promise<EmbeddedHandle> {
  mkdirSync(dataDir, { recursive: true });
  const file = lockPath(dataDir);
  for (let attempt = 0; attempt < 200; attempt++) {
    let fd: number;
    try {
      fd = openSync(file, "wx");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const owner = readLock(file);
      if (owner && processAlive(owner.pid)) {
        if (owner.port) {
          return { kind: "guest", url: urlFor(owner.port), owner, stop: async () => undefined };
        }
        // The owner is still starting; its port appears in a moment.
        await new Promise((resolve) => setTimeout(resolve, 100));
        continue;
      }
      if (owner === null) {
        // Written but not yet filled in by a process that is starting right now.
        await new Promise((resolve) => setTimeout(resolve, 100));
        if (readLock(file) === null && attempt > 20) rmSync(file, { force: true });
        continue;
      }
      rmSync(file, { force: true }); // left by a process that died
      continue;
    }
    writeSync(fd, JSON.stringify({ pid: process.pid, role } satisfies LockInfo));
    closeSync(fd);
    try {
      const db = new PGlite(path.join(dataDir, "pglite"));
      const server = await startPgliteServer(db);
      writeFileSync(file, JSON.stringify({ pid: process.pid, role, port: server.port } satisfies LockInfo));
      let stopped = false;
      const stop = async () => {
        if (stopped) return;
        stopped = true;
        await server.stop();
        await db.close();
        if (readLock(file)?.pid === process.pid) rmSync(file, { force: true });
      };
      return { kind: "owner", url: server.url, stop };
    } catch (error) {
      rmSync(file, { force: true });
      throw error;
    }
  }
  throw new Error(`Timed out waiting for the embedded database lock ${file}.`);
}

/** Who currently holds the embedded database, if anyone. */
export function embeddedOwner(dataDir = DATA_DIR): LockInfo | null {
  const file = lockPath(dataDir);
  if (!existsSync(file)) return null;
  const owner = readLock(file);
  return owner && processAlive(owner.pid) ? owner : null;
}
