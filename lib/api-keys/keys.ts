import "server-only";
import { createHash, randomBytes, randomUUID, timingSafeEqual } from "node:crypto";
import { db } from "@/lib/db/client";
import { query, sql, typed } from "@/lib/db/sql";
import { writeAudit } from "@/lib/audit/log";
import { notFound } from "@/lib/actions/errors";

// Workspace API keys: `esk_<prefix>_<secret>`. Only a SHA-256 of the whole key is stored (keys
// are 190 random bits, so a slow hash adds nothing); the prefix identifies a key on screen.

export interface ApiKeyRow {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

const hashKey = (key: string) => createHash("sha256").update(key).digest("hex");

export async function listApiKeys(workspaceId: string): Promise<ApiKeyRow[]> {
  const keys = await db().apiKey.findMany({ where: { workspaceId }, orderBy: { createdAt: "desc" } });
  return keys.map((k) => ({
    id: k.id,
    name: k.name,
    prefix: k.prefix,
    createdAt: k.createdAt.toISOString(),
    lastUsedAt: k.lastUsedAt?.toISOString() ?? null,
    revokedAt: k.revokedAt?.toISOString() ?? null,
  }));
}

/** Creates a key; the returned `key` is the only time the secret is shown. */
export async function createApiKey(
  workspaceId: string,
  actorUserId: string,
  name: string,
): Promise<ApiKeyRow & { key: string }> {
  const prefix = randomBytes(4).toString("hex");
  const key = `esk_${prefix}_${randomBytes(24).toString("base64url")}`;
  const row = await db().$transaction(async (tx) => {
    const created = await tx.apiKey.create({ data: { workspaceId, name, prefix, hashedKey: hashKey(key) } });
    await writeAudit(tx, {
      workspaceId,
      actorUserId,
      action: "api_key.created",
      targetType: "apiKey",
      targetId: created.id,
      details: { name, prefix },
    });
    return created;
  });
  return {
    id: row.id,
    name: row.name,
    prefix,
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: null,
    revokedAt: null,
    key,
  };
}

export async function revokeApiKey(workspaceId: string, actorUserId: string, keyId: string): Promise<void> {
  const key = await db().apiKey.findFirst({ where: { id: keyId, workspaceId } });
  if (!key) throw notFound("That API key");
  if (key.revokedAt) return;
  await db().$transaction(async (tx) => {
    await tx.apiKey.update({ where: { id: key.id }, data: { revokedAt: new Date() } });
    await writeAudit(tx, {
      workspaceId,
      actorUserId,
      action: "api_key.revoked",
      targetType: "apiKey",
      targetId: key.id,
      details: { prefix: key.prefix },
    });
  });
}

/** The workspace of a valid, unrevoked key from an `Authorization: Bearer` header, or null. */
export async function authenticateApiKey(
  authorization: string | null,
): Promise<{ workspaceId: string; keyId: string } | null> {
  const match = /^Bearer\s+(esk_[0-9a-f]{8}_[A-Za-z0-9_-]{20,})\s*$/.exec(authorization ?? "");
  if (!match) return null;
  const hashed = hashKey(match[1]);
  const key = await db().apiKey.findUnique({ where: { hashedKey: hashed } });
  if (!key || key.revokedAt) return null;
  if (!timingSafeEqual(Buffer.from(key.hashedKey), Buffer.from(hashed))) return null;
  await recordKeyUse(key.id);
  return { workspaceId: key.workspaceId, keyId: key.id };
}

/** API key use is audited at most once per key in this long ("api_key.used"). */
export const KEY_USE_AUDIT_INTERVAL_MS = 10 * 60_000;

/**
 * Stamps the key's lastUsedAt and, when the previous use was longer ago than the interval (or
 * never), writes the "api_key.used" audit row, in one statement: the key's row is locked while
 * its previous lastUsedAt is read, so concurrent requests never write two rows for one interval.
 */
async function recordKeyUse(keyId: string, now = new Date()): Promise<void> {
  const at = typed(now.toISOString().slice(0, 23), "timestamp");
  const due = typed(new Date(now.getTime() - KEY_USE_AUDIT_INTERVAL_MS).toISOString().slice(0, 23), "timestamp");
  await query(
    db(),
    sql`WITH previous AS (
        SELECT "id", "workspaceId", "name", "prefix", "lastUsedAt" FROM "ApiKey" WHERE "id" = ${keyId} FOR UPDATE
      ), used AS (
        UPDATE "ApiKey" k SET "lastUsedAt" = ${at} FROM previous p WHERE k."id" = p."id"
        RETURNING p."id", p."workspaceId", p."name", p."prefix", p."lastUsedAt"
      )
      INSERT INTO "AuditLog" ("id", "workspaceId", "actorUserId", "action", "targetType", "targetId", "details", "createdAt")
      SELECT ${randomUUID()}, u."workspaceId", NULL, 'api_key.used', 'apiKey', u."id",
        jsonb_build_object('name', u."name", 'prefix', u."prefix"), ${at}
      FROM used u WHERE u."lastUsedAt" IS NULL OR u."lastUsedAt" <= ${due}
      RETURNING "id"`,
  );
}

/** The role a key acts with (approval rules that name roles see it). */
export async function apiKeyRole(keyId: string): Promise<string> {
  const key = await db().apiKey.findUnique({ where: { id: keyId }, select: { role: true } });
  return key?.role ?? "AGENT";
}
