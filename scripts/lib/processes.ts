// The processes around `npm start`: the launchers above it (npm, its shell, tsx's CLI), whose
// death must stop the console too, and the web server it spawned, recorded in a pid file so that
// a server left behind by a killed start can be recognised and replaced. Node built-ins and `ps`.
import { spawnSync } from "node:child_process";
import { readFileSync, readlinkSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

export interface ProcessInfo {
  pid: number;
  ppid: number;
  /** The command line as `ps` shows it (a process may have renamed itself, as next-server does). */
  args: string;
  /** The working directory, where the system tells it (Linux); null elsewhere. */
  cwd: string | null;
}

export function processAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** What `ps` says about a running process; null when it is gone (or a zombie) or `ps` is missing. */
export function processInfo(pid: number): ProcessInfo | null {
  if (!processAlive(pid)) return null;
  const ps = spawnSync("ps", ["-o", "stat=", "-o", "ppid=", "-o", "args=", "-p", String(pid)], { encoding: "utf8" });
  const m = ps.status === 0 ? /^\s*(\S+)\s+(\d+)\s+(.*)$/.exec(ps.stdout.trim()) : null;
  if (!m || m[1].startsWith("Z")) return null;
  let cwd: string | null = null;
  try {
    cwd = readlinkSync(`/proc/${pid}/cwd`); // Linux only; elsewhere the command line must do
  } catch {
    cwd = null;
  }
  return { pid, ppid: Number(m[2]), args: m[3], cwd };
}

/** Alive and not a zombie (an exited child its parent has not yet collected). */
export function processRunning(pid: number): boolean {
  if (!processAlive(pid)) return false;
  const ps = spawnSync("ps", ["-o", "stat=", "-p", String(pid)], { encoding: "utf8" });
  return ps.status !== 0 ? ps.error !== undefined : !ps.stdout.trim().startsWith("Z");
}

// npm or npx (their CLIs rename themselves "npm start" and the like), the shell npm runs the
// script line in, and tsx's CLI: what stands between a terminal and scripts/start.ts.
const LAUNCHER =
  /(^|[\s/])(npm|npx|pnpm|yarn)(\s|$)|npm-cli\.js|npx-cli\.js|(^|[\s/])tsx(\s|$)|tsx\/dist\/cli|scripts\/start\.ts/;

/**
 * The launchers above this process, nearest first, up to (not including) the first ancestor
 * that is something else: the user's shell, a test runner, a process manager. Their death means
 * `npm start` was killed, even when this process was not.
 */
export function launcherChain(from = process.ppid): ProcessInfo[] {
  const chain: ProcessInfo[] = [];
  for (let pid = from; pid > 1 && chain.length < 8;) {
    const info = processInfo(pid);
    if (!info || !LAUNCHER.test(info.args)) break;
    chain.push(info);
    pid = info.ppid;
  }
  return chain;
}

/**
 * Calls `onGone` once when the parent is no longer `parent` (this process was re-parented: its
 * parent died) or one of the launchers is no longer alive. Polls every second; returns the stop
 * function.
 */
export function watchLaunchers(
  launchers: ProcessInfo[],
  onGone: (why: string) => void,
  parent = process.ppid,
): () => void {
  let done = false;
  const timer = setInterval(() => {
    if (done) return;
    // The direct parent's death shows at once as a new ppid; further launchers are probed cheaply.
    const gone =
      process.ppid !== parent ? "the process that started it" : launchers.find((l) => !processAlive(l.pid))?.args;
    if (!gone) return;
    done = true;
    clearInterval(timer);
    onGone(gone);
  }, 1_000);
  timer.unref();
  return () => {
    done = true;
    clearInterval(timer);
  };
}

export interface ServerRecord {
  /** The web server's pid. */
  pid: number;
  /** The pid of the start script that spawned it. */
  parentPid: number;
  port: number;
  root: string;
  startedAt: string;
}

export function serverRecordPath(dataDir: string): string {
  return path.join(dataDir, "server.json");
}

export function recordServer(file: string, record: ServerRecord): void {
  writeFileSync(file, JSON.stringify(record));
}

export function forgetServer(file: string, pid: number | undefined): void {
  try {
    const record = JSON.parse(readFileSync(file, "utf8")) as ServerRecord;
    if (record.pid === pid) rmSync(file, { force: true });
  } catch {
    // nothing recorded
  }
}

/**
 * The web server a previous start left running on this port after it was killed: recorded in
 * the pid file, still alive, no longer the child of its start script, and really this project's
 * Next.js server (its command line and working directory say so). Null when there is none.
 */
export function orphanedServer(file: string, port: number, root: string): ServerRecord | null {
  let record: ServerRecord;
  try {
    record = JSON.parse(readFileSync(file, "utf8")) as ServerRecord;
  } catch {
    return null;
  }
  if (record.port !== port || record.root !== root) return null;
  const info = processInfo(record.pid);
  if (!info) return null;
  const isNextServer = /next-server|next\/dist\/bin\/next/.test(info.args);
  const inThisProject = info.cwd === null || path.resolve(info.cwd) === path.resolve(root);
  const orphaned = info.ppid !== record.parentPid || !processRunning(record.parentPid);
  return isNextServer && inThisProject && orphaned ? record : null;
}

/** Stops a process: SIGTERM, then SIGKILL if it is still there after `graceMs`. Resolves when it is gone. */
export async function stopProcess(pid: number, graceMs = 5_000): Promise<void> {
  try {
    process.kill(pid, "SIGTERM");
  } catch {
    return;
  }
  const deadline = Date.now() + graceMs;
  while (processRunning(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  if (!processRunning(pid)) return;
  try {
    process.kill(pid, "SIGKILL");
  } catch {
    return;
  }
  for (let i = 0; i < 50 && processRunning(pid); i++) await new Promise((r) => setTimeout(r, 100));
}
