// Where the secret-store key comes from: EARSHOT_SECRET_KEY when set; otherwise, outside
// production, one generated once into .data/ (like the session secret). Older keys, for
// values not yet re-encrypted after a rotation: EARSHOT_SECRET_KEY_PREVIOUS (comma-separated).
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { DATA_DIR } from "@/lib/db/embedded";

export function resolveSecretKeyText(env: NodeJS.ProcessEnv = process.env): string {
  if (env.EARSHOT_SECRET_KEY) return env.EARSHOT_SECRET_KEY;
  if (env.NODE_ENV === "production")
    throw new Error("EARSHOT_SECRET_KEY must be set in production (for example: openssl rand -base64 32).");
  const file = path.join(DATA_DIR, "secret-key");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(DATA_DIR, { recursive: true });
  const key = randomBytes(32).toString("base64url");
  writeFileSync(file, key, { mode: 0o600 });
  return key;
}
