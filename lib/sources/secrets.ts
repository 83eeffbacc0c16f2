import "server-only";
import { db } from "@/lib/db/client";
import { openFields, sealFields } from "@/lib/secrets/store";

// Sources' secret settings (an X bearer token, a Meta app secret) live sealed in Source.secrets,
// like connected accounts' (lib/secrets). Sources created before that kept them in `settings`:
// `sealSourceSecrets` moves them (run at start-up, after the migrations), and until it has,
// readers still find them where they were.

export const SOURCE_SECRET_FIELDS = ["bearerToken", "appSecret"] as const;

/** The source's settings with its secrets opened: what connectors and webhook checks read. */
export function settingsWithSecrets(source: { settings: unknown; secrets: string | null }): Record<string, unknown> {
  return { ...((source.settings ?? {}) as Record<string, unknown>), ...openFields(source.secrets) };
}

/** Splits settings into the plain part and the secret part. */
export function splitSecrets(settings: Record<string, unknown>): {
  plain: Record<string, unknown>;
  secret: Record<string, string>;
} {
  const plain = { ...settings };
  const secret: Record<string, string> = {};
  for (const field of SOURCE_SECRET_FIELDS) {
    if (typeof plain[field] === "string" && plain[field]) secret[field] = plain[field] as string;
    delete plain[field];
  }
  return { plain, secret };
}

/** Seals secrets still stored in plain settings; returns how many sources it changed. */
export async function sealSourceSecrets(): Promise<number> {
  const sources = await db().source.findMany({ select: { id: true, settings: true, secrets: true } });
  let changed = 0;
  for (const source of sources) {
    const { plain, secret } = splitSecrets((source.settings ?? {}) as Record<string, unknown>);
    if (!Object.keys(secret).length) continue;
    const merged = { ...openFields(source.secrets), ...secret };
    await db().source.update({
      where: { id: source.id },
      data: { settings: plain as never, secrets: sealFields(merged) },
    });
    changed++;
  }
  return changed;
}
