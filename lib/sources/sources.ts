import { sealFields } from "@/lib/secrets/store";
import { splitSecrets } from "./secrets";
import "server-only";
import { randomBytes } from "node:crypto";
import type { z } from "zod";
import { db } from "@/lib/db/client";
import { writeAudit } from "@/lib/audit/log";
import { notFound } from "@/lib/actions/errors";
import { sourceState, type SourceState } from "./health";
import type { createSourceSchema } from "./schemas";

export interface SourceRow {
  id: string;
  network: string;
  name: string;
  enabled: boolean;
  state: SourceState;
  lastEventAt: string | null;
  lastError: string | null;
  errorCount: number;
  cursor: string | null;
  mentions: number;
  /** For webhook sources: the path to give Facebook/Instagram, and the verify token. */
  webhookPath: string | null;
  verifyToken: string | null;
  feedUrl: string | null;
}

export async function listSources(workspaceId: string, now = new Date()): Promise<SourceRow[]> {
  const sources = await db().source.findMany({
    where: { workspaceId },
    orderBy: [{ network: "asc" }, { name: "asc" }],
    include: { _count: { select: { mentions: true } } },
  });
  return sources.map((s) => {
    const settings = (s.settings ?? {}) as Record<string, unknown>;
    const webhook = s.network === "facebook" || s.network === "instagram";
    return {
      id: s.id,
      network: s.network,
      name: s.name,
      enabled: s.enabled,
      state: sourceState({ ...s, expectedIntervalMinutes: Number(settings.expectedIntervalMinutes ?? 60) }, now),
      lastEventAt: s.lastEventAt?.toISOString() ?? null,
      lastError: s.lastError,
      errorCount: s.errorCount,
      cursor: s.cursor,
      mentions: s._count.mentions,
      webhookPath: webhook ? `/api/v1/webhooks/${s.network}/${s.id}` : null,
      verifyToken: webhook && typeof settings.verifyToken === "string" ? settings.verifyToken : null,
      feedUrl: typeof settings.url === "string" ? settings.url : null,
    };
  });
}

export async function createSource(
  workspaceId: string,
  actorUserId: string,
  input: z.output<typeof createSourceSchema>,
): Promise<{ id: string }> {
  if (input.brandId && !(await db().brand.findFirst({ where: { id: input.brandId, workspaceId } })))
    throw notFound("That brand");
  const settings: Record<string, unknown> = { expectedIntervalMinutes: input.expectedIntervalMinutes };
  if (input.url) settings.url = input.url;
  if (input.brandId) settings.brandId = input.brandId;
  if (input.network === "mastodon")
    Object.assign(settings, { instance: input.instance, hashtag: input.hashtag?.replace(/^#/, "") });
  if (input.network === "x") Object.assign(settings, { bearerToken: input.bearerToken, backfillMinutes: 5 });
  if (input.network === "bluesky")
    Object.assign(settings, {
      stream: true,
      ...(input.endpoint ? { endpoint: input.endpoint } : {}),
      ...(input.appview ? { appview: input.appview } : {}),
    });
  if (input.network === "facebook" || input.network === "instagram") {
    settings.verifyToken = randomBytes(12).toString("hex");
    settings.appSecret = input.appSecret;
  }
  return db().$transaction(async (tx) => {
    // Secret settings are sealed, never stored in plain `settings`.
    const { plain, secret } = splitSecrets(settings);
    const source = await tx.source.create({
      data: {
        workspaceId,
        network: input.network,
        name: input.name,
        settings: plain as never,
        secrets: Object.keys(secret).length ? sealFields(secret) : null,
      },
    });
    await writeAudit(tx, {
      workspaceId,
      actorUserId,
      action: "source.created",
      targetType: "source",
      targetId: source.id,
      details: { network: input.network, name: input.name },
    });
    return { id: source.id };
  });
}

export async function setSourceEnabled(
  workspaceId: string,
  actorUserId: string,
  sourceId: string,
  enabled: boolean,
): Promise<void> {
  const source = await db().source.findFirst({ where: { id: sourceId, workspaceId } });
  if (!source) throw notFound("That source");
  await db().$transaction(async (tx) => {
    await tx.source.update({ where: { id: source.id }, data: { enabled } });
    await writeAudit(tx, {
      workspaceId,
      actorUserId,
      action: enabled ? "source.enabled" : "source.disabled",
      targetType: "source",
      targetId: source.id,
    });
  });
}
