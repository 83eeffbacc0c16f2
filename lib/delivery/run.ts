import "server-only";
import { expireApprovals } from "@/lib/outbox/reply-review";
import { replyHandler } from "@/lib/outbox/reply-delivery";
import { deliverDue, type DeliverOptions, type DeliverySummary } from "@/lib/outbox/worker";
import { runEvery } from "@/lib/util/every";
import { enqueueWebhookEvents } from "@/lib/webhooks/events";
import { webhookHandler } from "./webhook-handler";

// The outbox worker as the console runs it: replies and webhooks through one durable loop, with
// replies' outcomes fed to webhooks (reply.sent, reply.failed) and lapsed approvals expired.

export type OutboxPass = DeliverySummary & { expired: number };

export async function runOutboxOnce(
  options: Partial<Omit<DeliverOptions, "handlers">> & { timeoutMs?: number } = {},
): Promise<OutboxPass> {
  const expired = await expireApprovals(options.now?.() ?? new Date(), options.workspaceId);
  const summary = await deliverDue({
    ...options,
    handlers: {
      reply: replyHandler({
        timeoutMs: options.timeoutMs,
        emit: async (tx, workspaceId, events) => void (await enqueueWebhookEvents(tx, workspaceId, events)),
      }),
      webhook: webhookHandler({ timeoutMs: options.timeoutMs }),
    },
  });
  return { ...summary, expired };
}

/** Delivers due items every `intervalMs` until stopped; a pass that finds a full batch runs again at once. */
export function startOutboxWorker(intervalMs = 2_000): () => void {
  return runEvery("outbox", intervalMs, async () => {
    for (let pass = 0; pass < 20; pass++) {
      const result = await runOutboxOnce();
      if (result.claimed < 50) break;
    }
  });
}
