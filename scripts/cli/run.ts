// What the CLI's commands share: where output goes, the database, workspace lookup.
import { connectDatabase } from "../../lib/db/connect";

/** A command: its arguments after the command (and sub-command) name in, its exit code out. */
export type Command = (args: string[]) => Promise<number>;

export const io = { stdout: process.stdout, stderr: process.stderr };

/** Opens the database for commands that need it and closes it afterwards. */
export async function withDatabase(fn: () => Promise<number>): Promise<number> {
  const connection = await connectDatabase("cli");
  process.env.DATABASE_URL = connection.url;
  try {
    const { applyMigrations } = await import("../../lib/db/schema-engine");
    await applyMigrations(connection.url); // a no-op when the database is current
    return await fn();
  } finally {
    const { disconnectDb } = await import("../../lib/db/client");
    await disconnectDb();
    await connection.close();
  }
}

/** The workspace with this slug; null (after saying so) when there is none. Needs the database. */
export async function findWorkspace(slug: string) {
  const { workspaceBySlug } = await import("../../lib/workspaces/lookup");
  const workspace = await workspaceBySlug(slug);
  if (!workspace) process.stderr.write(`No workspace with slug "${slug}".\n`);
  return workspace;
}

/** Runs the sub-command named by the first argument, or says which ones there are. */
export function subcommands(commands: Record<string, Command>, unknown: (what: string) => string): Command {
  return async ([what, ...more]) => {
    const run = what !== undefined && Object.hasOwn(commands, what) ? commands[what] : undefined;
    if (run) return run(more);
    process.stderr.write(unknown(what ?? ""));
    return 2;
  };
}
