// Resolves the database for scripts and the CLI: DATABASE_URL when set, otherwise the
// embedded PGlite (opened here, or joined if the console already has it open).
import { openEmbeddedDatabase, type EmbeddedHandle } from "./embedded";

export interface DatabaseConnection {
  url: string;
  embedded: EmbeddedHandle | null;
  close: () => Promise<void>;
}

export async function connectDatabase(role: string): Promise<DatabaseConnection> {
  const url = process.env.DATABASE_URL;
  if (url) return { url, embedded: null, close: async () => undefined };
  const embedded = await openEmbeddedDatabase(role);
  return { url: embedded.url, embedded, close: embedded.stop };
}
