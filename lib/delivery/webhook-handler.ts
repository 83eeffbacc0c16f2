import "server-only";
import { db } from "@/lib/db/client";
import { safeFetch } from "@/lib/net/safe-fetch";
import type { DeliveryHandler } from "@/lib/outbox/worker";
import { openText } from "@/lib/secrets/store";
import { deliverWebhook } from "@/lib/webhooks/deliver";

// Webhook deliveries through the outbox: the endpoint's secret opened for the signature, one
// POST, and an endpoint that answers 410 Gone switched off (its owner removed it).

async function allowlistOf(workspaceId: string): Promise<string[]> {
  const ws = await db().workspace.findUnique({ where: { id: workspaceId }, select: { settings: true } });
  return ((ws?.settings ?? {}) as { fetchAllowlist?: string[] }).fetchAllowlist ?? [];
}

export function webhookHandler(options: { timeoutMs?: number } = {}): DeliveryHandler {
  return {
    async send(item) {
      const endpoint = item.endpointId
        ? await db().webhookEndpoint.findFirst({ where: { id: item.endpointId, workspaceId: item.workspaceId } })
        : null;
      if (!endpoint) return { kind: "permanent", code: "gone", reason: "The endpoint was deleted." };
      if (!endpoint.enabled) return { kind: "permanent", code: "invalid", reason: "The endpoint is switched off." };
      const allowlist = await allowlistOf(item.workspaceId);
      const payload = item.payload as { event?: string; data?: unknown };
      return deliverWebhook(
        {
          url: endpoint.url,
          secret: openText(endpoint.secret),
          event: String(payload.event ?? "unknown"),
          deliveryId: item.idempotencyKey,
          payload: item.payload,
          attempt: item.attempts,
        },
        {
          fetch: (url, o) => safeFetch(url, { timeoutMs: options.timeoutMs ?? 15_000, ...o, allowlist }),
          now: () => new Date(),
        },
      );
    },
    async record(tx, item, outcome) {
      if (outcome.kind === "permanent" && outcome.code === "gone" && item.endpointId)
        await tx.webhookEndpoint.updateMany({ where: { id: item.endpointId }, data: { enabled: false } });
    },
  };
}
