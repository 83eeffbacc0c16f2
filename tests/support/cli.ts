// Runs the real CLI (`npm run -s earshot -- …`) against the test database.
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { PROJECT_ROOT } from "@/lib/db/schema-engine";

const run = promisify(execFile);

export function earshot(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return run(
    path.join(PROJECT_ROOT, "node_modules/.bin/tsx"),
    ["--conditions=react-server", path.join(PROJECT_ROOT, "scripts/earshot.ts"), ...args],
    {
      cwd: PROJECT_ROOT,
      env: { ...process.env, DATABASE_URL: process.env.DATABASE_URL },
    },
  ).then(
    (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  );
}
